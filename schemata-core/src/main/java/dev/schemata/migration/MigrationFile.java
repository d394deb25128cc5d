package dev.schemata.migration;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Where a migration file's bytes come from: a file on disk, or an entry of a jar on the class path (possibly
 * a jar nested in a Spring Boot executable jar). Everything that reads migrations (the scan, checksums, the
 * runner) goes through {@link #open()}, so the same content gives the same checksum whichever way it is read.
 */
public sealed interface MigrationFile permits MigrationFile.OnDisk, MigrationFile.InJar {

    /** A file on disk. */
    static MigrationFile of(Path path) {
        return new OnDisk(path);
    }

    /** Opens the raw bytes; the caller closes the stream. Entries are streamed, never held in memory whole. */
    InputStream open() throws IOException;

    /** The size in bytes, or -1 when it is not known without reading. */
    long size();

    /** All the bytes at once, for a file small enough to hold; the caller checks the size first. */
    default byte[] readAllBytes() throws IOException {
        try (InputStream in = open()) {
            return in.readAllBytes();
        }
    }

    /** Where it is, as shown in messages: the path, or a {@code jar:} URL. */
    String location();

    /** A file on disk. */
    record OnDisk(Path path) implements MigrationFile {
        public OnDisk {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }

        @Override
        public byte[] readAllBytes() throws IOException {
            // One buffer of the file's size, not a stream's chunks copied together.
            return Files.readAllBytes(path);
        }

        @Override
        public long size() {
            try {
                return Files.size(path);
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public String location() {
            return path.toString();
        }
    }

    /**
     * An entry of a jar: {@code entry} in the jar file {@code jar}, or, when {@code nestedJar} is not null, in the
     * jar stored as entry {@code nestedJar} of {@code jar} (Spring Boot's {@code BOOT-INF/lib/x.jar}).
     *
     * @param size the entry's size in bytes, or -1 when the jar does not say
     */
    record InJar(Path jar, String nestedJar, String entry, long size) implements MigrationFile {
        public InJar {
            Objects.requireNonNull(jar, "jar");
            Objects.requireNonNull(entry, "entry");
        }

        @Override
        public InputStream open() throws IOException {
            ZipFile zip = new ZipFile(jar.toFile());
            try {
                InputStream in = nestedJar == null ? entryStream(zip, entry) : nestedEntryStream(zip);
                return new FilterInputStream(in) {
                    @Override
                    public void close() throws IOException {
                        try {
                            super.close();
                        } finally {
                            zip.close();
                        }
                    }
                };
            } catch (IOException | RuntimeException e) {
                zip.close();
                throw e;
            }
        }

        private InputStream nestedEntryStream(ZipFile zip) throws IOException {
            // A nested jar cannot be opened at random, so its entries are streamed up to the one wanted.
            ZipInputStream nested = new ZipInputStream(entryStream(zip, nestedJar));
            for (ZipEntry e; (e = nested.getNextEntry()) != null; ) {
                if (e.getName().equals(entry)) {
                    return nested;
                }
            }
            nested.close();
            throw new NoSuchFileException(location(), null, "no longer in the jar");
        }

        private static InputStream entryStream(ZipFile zip, String name) throws IOException {
            ZipEntry e = zip.getEntry(name);
            if (e == null) {
                throw new NoSuchFileException(zip.getName() + "!/" + name, null, "no longer in the jar");
            }
            return zip.getInputStream(e);
        }

        @Override
        public String location() {
            return "jar:" + jar.toFile().toURI() + (nestedJar == null ? "" : "!/" + nestedJar) + "!/" + entry;
        }
    }
}
