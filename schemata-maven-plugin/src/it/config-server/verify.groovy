def log = new File(basedir, 'build.log').text
assert log.contains('postgresql://orders_owner:***@127.0.0.1:1/orders')
// -e prints the cause chain: the password is masked there too.
assert log.contains('Caused by:')
assert !log.contains('Srv-Secret-4711')
true
