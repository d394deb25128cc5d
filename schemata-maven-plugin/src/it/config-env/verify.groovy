def log = new File(basedir, 'build.log').text
// <env>staging</env> chose the environment over the file's default; ${STAGE_PASSWORD} reached the URL, masked.
assert log.contains('postgresql://stager:***@127.0.0.1:1/stage')
assert !log.contains('127.0.0.1:2/local')
assert !log.contains('Env-Secret-9876')
true
