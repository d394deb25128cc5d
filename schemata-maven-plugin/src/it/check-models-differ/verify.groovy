def log = new File(basedir, 'build.log').text
// Every seeded difference in one run, each pointing at the entity's source.
assert log =~ /\[ERROR\] public\.products_seq \[increment\]/
assert log =~ /\[ERROR\] public\.tag_ids \[missing-sequence\]/
assert log =~ /\[ERROR\] public\.customers\.name \[type\][^\n]*src\/main\/java\/com\/example\/shop\/Customer\.java:\d+[^\n]*character varying\(80\), database: character varying\(60\)/
assert log =~ /\[ERROR\] public\.customers\.street \[missing-column\]/
assert log =~ /\[ERROR\] public\.gadgets \[missing-table\][^\n]*Gadget\.java/
assert log =~ /\[ERROR\] public\.orders\.total \[type\]/
// The difference accepted in schemata.toml is left out and counted.
assert !log.contains('legacy_flag [extra-column]')
assert log.contains('6 error(s), 0 warning(s), 0 info')
assert log.contains(', 1 ignored')
assert log =~ /\[ERROR\] Failed to execute goal dev\.schemata:schemata-maven-plugin:[^\n]*:check-models[^\n]*the entities do not match/
assert !log.contains('at dev.schemata.')
true
