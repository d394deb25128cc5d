def log = new File(basedir, 'build.log').text
// build.log holds the three builds in turn: migrate, the failing validate, repair and validate.
assert log =~ /\[ERROR\] Failed to execute goal dev\.schemata:schemata-maven-plugin:[^\n]*:validate[^\n]*validate found 1 problem[^\n]*V1__accounts\.sql: changed since it was applied/
assert log.contains('re-recorded the checksum of version 1')
assert log.contains('is valid: applied migrations match their files')
assert log.trim().readLines().findAll { it.contains('BUILD ') }.collect { it.replaceAll(/.*BUILD /, '') } == ['SUCCESS', 'FAILURE', 'SUCCESS']
true
