def log = new File(basedir, 'build.log').text
assert log =~ /applied \d+ steps? to postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/dev: it now matches/
assert log =~ /matches [^\n]*init\.sql: nothing to do/
def schema = new File(basedir, 'target/schemata/schema.sql')
assert schema.isFile()
assert schema.text.contains('CREATE TABLE public.orders')
def generated = new File(basedir, 'src/main/resources/db/migration').listFiles().collect { it.name }.findAll { it.contains('add_orders') }
assert !generated.isEmpty()
assert log.contains('wrote ')
assert log.contains('BUILD SUCCESS')
true
