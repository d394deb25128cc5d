def log = new File(basedir, 'build.log').text
assert log.contains('Skipping schemata:migrate (schemata.skip)')
assert log.contains('Skipping schemata:validate (schemata.skip)')
assert log.contains('BUILD SUCCESS')
assert !new File(basedir, 'target/schemata').exists()
true
