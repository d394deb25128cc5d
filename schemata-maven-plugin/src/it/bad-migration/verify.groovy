def log = new File(basedir, 'build.log').text
assert log.contains('applied 1 accounts')
// The failure names the file and line of the failed statement, without a stack trace.
assert log =~ /\[ERROR\] Failed to execute goal dev\.schemata:schemata-maven-plugin:[^\n]*:migrate[^\n]*V2__columns\.sql:3/
assert log.contains('relation "acounts" does not exist')
assert !log.contains('at dev.schemata.')
assert log.contains('stopped the embedded database')
true
