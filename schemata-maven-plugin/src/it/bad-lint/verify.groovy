def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] [^\n]*V2__email_index\.sql:2:1: index-not-concurrent/
assert log =~ /\[ERROR\] Failed to execute goal dev\.schemata:schemata-maven-plugin:[^\n]*:lint[^\n]*V2__email_index\.sql:2: index-not-concurrent/
assert log.contains('statically: no database asked')
assert !log.contains('embedded database')
assert !log.contains('at dev.schemata.')
true
