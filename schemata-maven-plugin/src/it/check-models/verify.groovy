def log = new File(basedir, 'build.log').text
def matching = log.substring(log.indexOf('check-models (matching)'), log.indexOf('check-models (differing)'))
def differing = log.substring(log.indexOf('check-models (differing)'))

// The entities match the migrations written for them.
assert matching.contains('check-models: the entities match')
assert !matching.contains('[ERROR]')
assert matching.contains('ignored, but matched no difference: customers.legacy_flag')

// Every seeded difference in one run, each pointing at the entity's source.
assert differing =~ /\[ERROR\] public\.products_seq \[increment\]/
assert differing =~ /\[ERROR\] public\.tag_ids \[missing-sequence\]/
assert differing =~ /\[ERROR\] public\.customers\.name \[type\][^\n]*src\/main\/java\/com\/example\/shop\/Customer\.java:\d+[^\n]*character varying\(80\), database: character varying\(60\)/
assert differing =~ /\[ERROR\] public\.customers\.street \[missing-column\]/
assert differing =~ /\[ERROR\] public\.gadgets \[missing-table\][^\n]*Gadget\.java/
assert differing =~ /\[ERROR\] public\.orders\.total \[type\]/
// The difference accepted in schemata.toml is left out and counted.
assert !differing.contains('legacy_flag [extra-column]')
assert differing.contains('6 error(s), 0 warning(s), 0 info')
assert differing.contains(', 1 ignored')
assert differing =~ /\[ERROR\] Failed to execute goal dev\.schemata:schemata-maven-plugin:[^\n]*:check-models \(differing\)[^\n]*the entities do not match/
assert !log.contains('at dev.schemata.')
true
