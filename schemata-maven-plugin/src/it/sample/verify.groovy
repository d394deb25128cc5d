def log = new File(basedir, 'build.log').text
assert log.contains('created and started the embedded database')
// The goal stops it itself: no command-line hint on how to, and no other name for it.
assert !log.contains('schemata dev stop')
assert !log.contains('the dev database')
assert log.contains('applied 2 migrations')
assert log.contains('is valid: applied migrations match their files')
assert log.contains('lint: 2 files')
assert log.contains('0 errors')
assert log.contains('verify-rollback: all 2 down migrations undo their ups')
assert log.contains('no drift:')
assert log.contains('stopped the embedded database')
assert log.contains('BUILD SUCCESS')
// The embedded database's password is in its password file, never in the output.
def password = new File(basedir, 'target/schemata/dev/password')
if (password.exists()) {
    assert !log.contains(password.text.trim())
}
true
