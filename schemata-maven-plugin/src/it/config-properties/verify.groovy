def log = new File(basedir, 'build.log').text
// The properties chose the database and the user; the URL's password is masked everywhere.
assert log.contains('postgresql://reporter:***@127.0.0.1:1/orders')
assert !log.contains('Url-Secret-1234')
assert !log.contains('created and started the embedded database')
true
