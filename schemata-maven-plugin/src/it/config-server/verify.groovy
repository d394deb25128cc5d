def log = new File(basedir, 'build.log').text
assert log.contains('postgresql://orders_owner:***@127.0.0.1:1/orders')
assert !log.contains('Srv-Secret-4711')
true
