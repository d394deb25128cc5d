def log = new File(basedir, 'build.log').text
assert log.contains('check-models: the entities match')
assert !log.contains('[WARNING] not compared')
assert log.contains('BUILD SUCCESS')
true
