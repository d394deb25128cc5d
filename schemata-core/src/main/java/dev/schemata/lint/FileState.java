package dev.schemata.lint;

/** What the statements read so far in one file have set up: lock_timeout, an explicit transaction block. */
final class FileState {
    private boolean lockTimeout;
    private boolean inTransactionBlock;
    private int transactionLine;
    private boolean lockTimeoutReported;

    FileState(ParsedSource source) {
        this.lockTimeout = source.lockTimeoutDirective();
    }

    /** Whether a lock_timeout is in force for the current statement. */
    boolean hasLockTimeout() {
        return lockTimeout;
    }

    /** Whether the current statement sits between a BEGIN and its COMMIT written in the file. */
    boolean inTransactionBlock() {
        return inTransactionBlock;
    }

    /** The line of the BEGIN that opened the current block. */
    int transactionLine() {
        return transactionLine;
    }

    /** The missing-lock-timeout rule reports once per file. */
    boolean lockTimeoutReported() {
        return lockTimeoutReported;
    }

    void markLockTimeoutReported() {
        lockTimeoutReported = true;
    }

    /** SET LOCAL counts like SET: it lasts until the transaction ends, and a migration is one transaction. */
    void apply(StatementFacts f) {
        switch (f.verb()) {
            case BEGIN -> {
                inTransactionBlock = true;
                transactionLine = f.statement().line();
            }
            case COMMIT -> inTransactionBlock = false;
            case SET, RESET -> {
                if (f.items().size() == 2 && f.items().get(0).equals("lock_timeout")) {
                    lockTimeout = isPositive(f.items().get(1));
                }
                if (f.verb() == StatementFacts.Verb.RESET && f.items().get(0).equals("all")) {
                    lockTimeout = false;
                }
            }
            default -> {
            }
        }
    }

    /** lock_timeout values that turn it on: a number other than 0, with or without a unit. */
    private static boolean isPositive(String value) {
        String v = value.strip();
        int digits = 0;
        while (digits < v.length() && Character.isDigit(v.charAt(digits))) {
            digits++;
        }
        if (digits == 0) {
            return false;
        }
        for (int i = 0; i < digits; i++) {
            if (v.charAt(i) != '0') {
                return true;
            }
        }
        return false;
    }
}
