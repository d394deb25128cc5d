package dev.schemata.fleet;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code index}-th of {@code count} disjoint slices of a fleet ({@code --shard 2/4}; counted from 1, as
 * test runners count shards). A target's slice depends on its {@link Target#identity()} alone, so workers
 * agree without talking to each other, whatever order their lists are in; adding or removing targets moves
 * no other target, and going from n to n+1 shards moves only about 1/(n+1) of them (jump consistent hashing).
 */
public record Shard(int index, int count) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,6})/(\\d{1,6})");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--shard " + index + "/" + count
                    + ": expected i/n with 1 <= i <= n, such as 1/4");
        }
    }

    public static final Shard ALL = new Shard(1, 1);

    public static Shard parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new SchemataException(ErrorCode.BAD_USAGE, "--shard \"" + text + "\": expected i/n with 1 <= i <= n, such as 1/4"
                    + " (in a Kubernetes indexed Job: $((JOB_COMPLETION_INDEX + 1))/N)");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean contains(Target target) {
        return bucket(hash(target.identity()), count) == index - 1;
    }

    public List<Target> select(List<Target> targets) {
        return count == 1 ? targets : targets.stream().filter(this::contains).toList();
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    /** Lamping and Veach's jump consistent hash: a bucket in [0, buckets) that rarely moves when buckets grows. */
    static int bucket(long key, int buckets) {
        long b = -1;
        long j = 0;
        while (j < buckets) {
            b = j;
            key = key * 2862933555777941757L + 1;
            j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
        }
        return (int) b;
    }

    private static long hash(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
