def log = new File(basedir, 'build.log').text
assert log.contains('ok (')
assert log =~ /\[ERROR\] leaves_difference V2__email\.sql/
assert log =~ /\[ERROR\] Failed to execute goal dev\.schemata:schemata-maven-plugin:[^\n]*:verify-rollback[^\n]*1 of 2 migrations do not roll back cleanly/
assert log.contains('stopped the embedded database')
true
