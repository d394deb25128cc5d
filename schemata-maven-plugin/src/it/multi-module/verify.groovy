def log = new File(basedir, 'build.log').text
assert log.contains('applied 1 orders')
assert log.contains('applied 2 archive')
assert log.contains('applied 1 invoices')
assert log.contains('applied 2 history in ops')
assert log.count('is valid: applied migrations match their files') == 2
// Each module has its own embedded database under its own target/.
assert new File(basedir, 'orders/target/schemata/dev').isDirectory()
assert new File(basedir, 'billing/target/schemata/dev').isDirectory()
assert log.contains('BUILD SUCCESS')
true
