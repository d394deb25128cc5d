package dev.schemata.migration;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One streaming pass over a migration file: the checksum of the whole file, whether it holds anything but
 * white space, and, for dbmate-style files, where the {@code -- migrate:up} and {@code -- migrate:down}
 * sections are together with a checksum for each. Doing it all in one pass reads every file exactly once.
 */
final class ContentScan implements Utf8Lines.Sink {
    /** Lines are only buffered this far: enough to recognise a marker, and memory stays flat. */
    private static final int PREFIX_LIMIT = 256;

    private enum Section { BEFORE_UP, UP, DOWN }

    private final Checksum.Hasher whole = new Checksum.Hasher();
    // Made when a section starts: most files have none, and a digest per file adds up over thousands.
    private Checksum.Hasher up;
    private Checksum.Hasher down;
    private boolean wholeBlank = true;
    private boolean upBlank = true;
    private boolean downBlank = true;
    private final List<String> markerProblems = new ArrayList<>();
    private int upMarkerLine;
    private int downMarkerLine;
    private int firstStatementLine;

    private Section section = Section.BEFORE_UP;
    private int line = 1;
    // The start of the current line, held back until it is known whether the line is a marker.
    private final byte[] prefix = new byte[PREFIX_LIMIT];
    private int prefixLength;
    private boolean lineDecided;
    private boolean lineIsMarker;
    // The first two non-blank bytes of the line, to tell a "--" comment from a statement.
    private int leadCount;
    private byte firstLead;
    private boolean lineIsStatement;

    private ContentScan() {
    }

    static ContentScan of(InputStream in, int bufferSize) throws IOException {
        ContentScan scan = new ContentScan();
        Utf8Lines.read(in, bufferSize, scan);
        scan.finishLine(false);
        return scan;
    }

    /** True when the file has a {@code -- migrate:up} marker, i.e. it is a dbmate-style file. */
    boolean hasSections() {
        return upMarkerLine > 0;
    }

    String wholeChecksum() {
        return whole.hex();
    }

    boolean wholeBlank() {
        return wholeBlank;
    }

    String upChecksum() {
        return up().hex();
    }

    boolean upBlank() {
        return upBlank;
    }

    String downChecksum() {
        return down().hex();
    }

    boolean downBlank() {
        return downBlank;
    }

    int upMarkerLine() {
        return upMarkerLine;
    }

    int downMarkerLine() {
        return downMarkerLine;
    }

    /** Problems with the markers, each starting with "line N: "; only meaningful with sections. */
    List<String> markerProblems() {
        List<String> problems = new ArrayList<>(markerProblems);
        if (upMarkerLine == 0 && downMarkerLine > 0) {
            problems.add("line " + downMarkerLine + ": '-- migrate:down' without a '-- migrate:up' section");
        }
        if (upMarkerLine > 0 && firstStatementLine > 0 && firstStatementLine < upMarkerLine) {
            problems.add("line " + firstStatementLine + ": SQL before '-- migrate:up' belongs to no section and"
                    + " would never run; move it below the marker");
        }
        return problems;
    }

    @Override
    public void text(byte[] buffer, int offset, int length) {
        whole.text(buffer, offset, length);
        for (int i = offset; i < offset + length; i++) {
            byte b = buffer[i];
            if (isBlank(b)) {
                continue;
            }
            wholeBlank = false;
            if (leadCount == 0) {
                firstLead = b;
                leadCount = 1;
                lineIsStatement = b != '-';
            } else if (leadCount == 1) {
                leadCount = 2;
                lineIsStatement = firstLead != '-' || b != '-';
            }
        }
        if (lineDecided) {
            if (!lineIsMarker) {
                sectionText(buffer, offset, length);
            }
            return;
        }
        int room = PREFIX_LIMIT - prefixLength;
        if (length <= room) {
            System.arraycopy(buffer, offset, prefix, prefixLength, length);
            prefixLength += length;
            return;
        }
        System.arraycopy(buffer, offset, prefix, prefixLength, room);
        prefixLength = PREFIX_LIMIT;
        decide(false);
        if (!lineIsMarker) {
            sectionText(buffer, offset + room, length - room);
        }
    }

    @Override
    public void lineEnd() {
        whole.lineEnd();
        finishLine(true);
    }

    private void finishLine(boolean ended) {
        if (!lineDecided) {
            decide(true);
        }
        // A marker line belongs to neither section, its line end included.
        if (!lineIsMarker && ended) {
            sectionLineEnd();
        }
        if (section == Section.BEFORE_UP && !lineIsMarker && lineIsStatement && firstStatementLine == 0) {
            firstStatementLine = line;
        }
        line++;
        prefixLength = 0;
        lineDecided = false;
        lineIsMarker = false;
        leadCount = 0;
        lineIsStatement = false;
    }

    /** Settles whether the buffered line start is a marker; {@code complete} when the whole line is buffered. */
    private void decide(boolean complete) {
        lineDecided = true;
        Marker marker = marker(prefix, prefixLength, complete);
        if (marker == Marker.NONE) {
            sectionText(prefix, 0, prefixLength);
            return;
        }
        lineIsMarker = true;
        if (marker == Marker.UP) {
            if (upMarkerLine > 0) {
                markerProblems.add("line " + line + ": second '-- migrate:up' (the first is on line " + upMarkerLine + ")");
            } else if (downMarkerLine > 0) {
                markerProblems.add("line " + line + ": '-- migrate:up' must come before '-- migrate:down' (line "
                        + downMarkerLine + ")");
                upMarkerLine = line;
            } else {
                upMarkerLine = line;
                section = Section.UP;
            }
        } else {
            if (downMarkerLine > 0) {
                markerProblems.add("line " + line + ": second '-- migrate:down' (the first is on line "
                        + downMarkerLine + ")");
            } else {
                downMarkerLine = line;
                section = Section.DOWN;
            }
        }
    }

    private void sectionText(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return;
        }
        boolean blank = true;
        for (int i = offset; i < offset + length && blank; i++) {
            blank = isBlank(buffer[i]);
        }
        if (section == Section.UP) {
            up().text(buffer, offset, length);
            upBlank &= blank;
        } else if (section == Section.DOWN) {
            down().text(buffer, offset, length);
            downBlank &= blank;
        }
    }

    private void sectionLineEnd() {
        if (section == Section.UP) {
            up().lineEnd();
        } else if (section == Section.DOWN) {
            down().lineEnd();
        }
    }

    private Checksum.Hasher up() {
        if (up == null) {
            up = new Checksum.Hasher();
        }
        return up;
    }

    private Checksum.Hasher down() {
        if (down == null) {
            down = new Checksum.Hasher();
        }
        return down;
    }

    private enum Marker { NONE, UP, DOWN }

    /**
     * dbmate's markers: a line starting with {@code --}, optional blanks, {@code migrate:up} or
     * {@code migrate:down}, then the end of the line or a blank (options may follow).
     */
    private static Marker marker(byte[] text, int length, boolean complete) {
        if (length < 2 || text[0] != '-' || text[1] != '-') {
            return Marker.NONE;
        }
        int i = 2;
        while (i < length && (text[i] == ' ' || text[i] == '\t')) {
            i++;
        }
        Marker marker;
        int end;
        if (startsWith(text, length, i, "migrate:up")) {
            marker = Marker.UP;
            end = i + "migrate:up".length();
        } else if (startsWith(text, length, i, "migrate:down")) {
            marker = Marker.DOWN;
            end = i + "migrate:down".length();
        } else {
            return Marker.NONE;
        }
        if (end == length) {
            return complete ? marker : Marker.NONE;
        }
        return text[end] == ' ' || text[end] == '\t' ? marker : Marker.NONE;
    }

    private static boolean startsWith(byte[] text, int length, int from, String word) {
        if (length - from < word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (text[from + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\f' || b == 0x0B;
    }
}
