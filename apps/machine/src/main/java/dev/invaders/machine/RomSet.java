package dev.invaders.machine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The user's Space Invaders ROM as one 8 KiB image (h, g, f, e at 0x0000, 0x0800, 0x1000, 0x1800).
 *
 * <p>{@link #load(Path)} takes MAME's {@code invaders.zip} (the four files anywhere inside, names
 * case-insensitive), a directory holding the four files, or one 8 KiB image; {@link #load(List)} also
 * takes the four files named one by one; {@link #fromBytes} and {@link #fromParts} take the same from
 * memory (an upload). The image is checked against the known SHA-256 and each part
 * against its CRC32; a ROM that does not match is still accepted, with {@link #warnings()} saying how
 * it differs (the library never prints). Anything unusable is a {@link RomException} with a one-line
 * message. Zips are read as a stream with hard limits: at most {@value #MAX_ZIP_BYTES} bytes of zip,
 * {@value #MAX_ENTRIES} entries and {@value #MAX_INFLATED_BYTES} bytes inflated in all, whatever the
 * zip declares, so a zip bomb costs at most that much work.
 */
public final class RomSet {
    public static final int PART_SIZE = 0x800;
    public static final int IMAGE_SIZE = 0x2000;
    /** SHA-256 of the genuine 8 KiB image (invaders.h + .g + .f + .e). */
    public static final String KNOWN_SHA256 = "7446e0994117596de5206519e693f8875ff3455e0be121d5cb975c3bcc224c4e";
    /** The part files in load order. */
    public static final List<String> PART_NAMES = List.of("invaders.h", "invaders.g", "invaders.f", "invaders.e");
    private static final int[] KNOWN_CRC32 = {0x734f5ad8, 0x6bfaca4a, 0x0ccead96, 0x14e538b0};
    public static final long MAX_ZIP_BYTES = 16L << 20;
    public static final int MAX_ENTRIES = 256;
    public static final long MAX_INFLATED_BYTES = 16L << 20;

    private final byte[] image;
    private final String sha256;
    private final List<String> warnings;
    private final String source;

    private RomSet(byte[] image, String source) {
        this.image = image;
        this.source = source;
        this.sha256 = sha256(image);
        List<String> w = new ArrayList<>();
        if (!sha256.equals(KNOWN_SHA256)) {
            StringBuilder parts = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                CRC32 crc = new CRC32();
                crc.update(image, i * PART_SIZE, PART_SIZE);
                int actual = (int) crc.getValue();
                if (actual != KNOWN_CRC32[i]) {
                    parts.append(parts.isEmpty() ? "" : ", ").append(PART_NAMES.get(i)).append(" has CRC32 ")
                            .append(String.format("%08x", actual)).append(" not ").append(String.format("%08x", KNOWN_CRC32[i]));
                }
            }
            w.add("unknown ROM (SHA-256 " + sha256 + ", not the Space Invaders set " + KNOWN_SHA256.substring(0, 16)
                    + "...): " + (parts.isEmpty() ? "every part's CRC32 matches" : parts) + "; running it anyway");
        }
        this.warnings = List.copyOf(w);
    }

    /** A copy of the 8 KiB image. */
    public byte[] image() {
        return image.clone();
    }

    /** SHA-256 of the image, 64 lower-case hex digits. */
    public String sha256() {
        return sha256;
    }

    /** Whether the image is the genuine Space Invaders ROM. */
    public boolean known() {
        return warnings.isEmpty();
    }

    /** Why the image is not the known ROM (empty when it is). */
    public List<String> warnings() {
        return warnings;
    }

    /** Where the image came from, for messages. */
    public String source() {
        return source;
    }

    /** An 8 KiB image already in memory (a test ROM, the demo game). */
    public static RomSet fromImage(byte[] image, String source) throws RomException {
        if (image.length != IMAGE_SIZE) {
            throw new RomException(source + " is " + image.length + " bytes; a ROM image must be " + IMAGE_SIZE);
        }
        return new RomSet(image.clone(), source);
    }

    /** One path, or the four part files (named invaders.h/g/f/e in any order, else taken as h, g, f, e). */
    public static RomSet load(List<Path> paths) throws RomException {
        if (paths.size() == 1) {
            return load(paths.getFirst());
        }
        if (paths.size() != 4) {
            throw new RomException("give one ROM (zip, directory or 8 KiB image) or the four files invaders.h, .g, .f, .e;"
                    + " got " + paths.size() + " paths");
        }
        Path[] ordered = new Path[4];
        boolean byName = true;
        for (Path p : paths) {
            int i = partIndex(fileName(p));
            if (i < 0 || ordered[i] != null) {
                byName = false;
                break;
            }
            ordered[i] = p;
        }
        if (!byName) {
            ordered = paths.toArray(new Path[0]);
        }
        byte[] image = new byte[IMAGE_SIZE];
        for (int i = 0; i < 4; i++) {
            byte[] part = readFile(ordered[i], PART_SIZE);
            if (part.length != PART_SIZE) {
                throw new RomException(ordered[i] + " is " + part.length + " bytes; " + PART_NAMES.get(i) + " must be " + PART_SIZE);
            }
            System.arraycopy(part, 0, image, i * PART_SIZE, PART_SIZE);
        }
        return new RomSet(image, String.join(" ", Arrays.stream(ordered).map(Path::toString).toList()));
    }

    /** MAME's invaders.zip, a directory holding invaders.h/.g/.f/.e, or one 8 KiB image file. */
    public static RomSet load(Path path) throws RomException {
        if (!Files.exists(path)) {
            throw new RomException("no such file or directory: " + path);
        }
        if (Files.isDirectory(path)) {
            return loadDirectory(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new RomException(path + " is not a regular file or directory");
        }
        if (looksLikeZip(path)) {
            return loadZip(path);
        }
        if (path.getFileName() != null && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            throw new RomException("corrupt zip: " + path + " does not start with a zip header");
        }
        byte[] image = readFile(path, IMAGE_SIZE);
        if (image.length != IMAGE_SIZE) {
            throw new RomException(path + " is " + (image.length > IMAGE_SIZE ? "larger than " + IMAGE_SIZE : image.length)
                    + " bytes; expected an 8 KiB (" + IMAGE_SIZE + " byte) image, MAME's invaders.zip or a directory"
                    + " with invaders.h, .g, .f, .e");
        }
        return new RomSet(image, path.toString());
    }

    private static RomSet loadDirectory(Path dir) throws RomException {
        Path[] found = new Path[4];
        boolean hasZip = false;
        int seen = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (++seen > 100_000) {
                    break;
                }
                String name = fileName(p);
                int i = partIndex(name);
                if (i >= 0 && Files.isRegularFile(p)) {
                    if (found[i] != null) {
                        throw new RomException(dir + " holds " + PART_NAMES.get(i) + " twice (" + fileName(found[i])
                                + " and " + name + ")");
                    }
                    found[i] = p;
                }
                hasZip |= name.equalsIgnoreCase("invaders.zip");
            }
        } catch (IOException e) {
            throw new RomException("cannot read directory " + dir + ": " + e.getMessage(), e);
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            if (found[i] == null) {
                missing.add(PART_NAMES.get(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new RomException("directory " + dir + " has no " + String.join(", ", missing)
                    + " (it must hold invaders.h, invaders.g, invaders.f and invaders.e"
                    + (hasZip ? "; it has invaders.zip: pass that file instead)" : ")"));
        }
        RomSet parts = load(List.of(found));
        return new RomSet(parts.image, dir.toString());
    }

    private static RomSet loadZip(Path zip) throws RomException {
        long size;
        try {
            size = Files.size(zip);
        } catch (IOException e) {
            throw new RomException("cannot read " + zip + ": " + e.getMessage(), e);
        }
        if (size > MAX_ZIP_BYTES) {
            throw new RomException(zip + " is " + size + " bytes; a ROM zip must be at most " + MAX_ZIP_BYTES
                    + " (invaders.zip is a few KiB)");
        }
        try (InputStream file = Files.newInputStream(zip)) {
            return new RomSet(readZip(file, zip.toString()), zip.toString());
        } catch (IOException e) {
            throw new RomException("cannot read " + zip + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses an entry whose name is absolute (a leading '/' or '\\', a drive letter such as {@code C:}) or climbs
     * out of the archive with a {@code ..} segment: MAME's zip has plain relative names, and such a name in an
     * upload is an attack on whatever might later unpack it.
     */
    static void checkEntryName(String name, String zip) throws RomException {
        String n = name.replace('\\', '/');
        boolean absolute = n.startsWith("/") || n.length() >= 2 && n.charAt(1) == ':' && Character.isLetter(n.charAt(0));
        boolean climbs = false;
        for (String segment : n.split("/", -1)) {
            climbs |= segment.equals("..");
        }
        if (absolute || climbs || n.indexOf('\0') >= 0) {
            throw new RomException(zip + " has an entry named " + printable(name) + ": an absolute name or one with"
                    + " '..' is refused (MAME's invaders.zip holds plain names such as invaders.h)");
        }
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < name.length() && i < 100; i++) {
            char c = name.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.append(name.length() > 100 ? "...'" : "'").toString();
    }

    /** The image from a zip read as a stream (at most {@link #MAX_ZIP_BYTES} of it), with the limits above. */
    private static byte[] readZip(InputStream source, String zip) throws RomException {
        byte[][] parts = new byte[4][];
        String[] partEntry = new String[4];
        long inflated = 0;
        int entries = 0;
        byte[] buf = new byte[8192];
        try (ZipInputStream in = new ZipInputStream(new LimitedInputStream(source, MAX_ZIP_BYTES), StandardCharsets.ISO_8859_1)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw new RomException(zip + " has more than " + MAX_ENTRIES + " entries; refusing it");
                }
                String name = entry.getName();
                checkEntryName(name, zip);
                int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
                int i = entry.isDirectory() ? -1 : partIndex(name.substring(slash + 1));
                if (i >= 0 && parts[i] != null) {
                    throw new RomException(zip + " holds " + PART_NAMES.get(i) + " twice (" + partEntry[i] + " and " + name + ")");
                }
                // Read every entry ourselves (closeEntry would inflate the rest unseen), counting what we inflate.
                byte[] part = i >= 0 ? new byte[PART_SIZE] : null;
                int got = 0;
                int n;
                while ((n = in.read(buf, 0, buf.length)) > 0) {
                    inflated += n;
                    if (inflated > MAX_INFLATED_BYTES) {
                        throw new RomException(zip + " inflates to more than " + MAX_INFLATED_BYTES
                                + " bytes; refusing it (a zip bomb?)");
                    }
                    if (part != null) {
                        if (got + n > PART_SIZE) {
                            throw new RomException(name + " in " + zip + " is larger than " + PART_SIZE
                                    + " bytes; " + PART_NAMES.get(i) + " must be " + PART_SIZE);
                        }
                        System.arraycopy(buf, 0, part, got, n);
                    }
                    got += n;
                }
                if (part != null) {
                    if (got != PART_SIZE) {
                        throw new RomException(name + " in " + zip + " is " + got + " bytes; "
                                + PART_NAMES.get(i) + " must be " + PART_SIZE);
                    }
                    parts[i] = part;
                    partEntry[i] = name;
                }
            }
        } catch (RomException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new RomException("corrupt zip " + zip + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        return join(parts, zip + " has no ", (entries == 0 ? " (no entries: empty or not a readable zip)" : "")
                + "; MAME's invaders.zip holds invaders.h, invaders.g, invaders.f and invaders.e");
    }

    /**
     * A ROM given as bytes (an upload): MAME's invaders.zip (recognised by its header) or one 8 KiB image,
     * with the same checks and limits as {@link #load(Path)}; {@code source} names it in messages.
     */
    public static RomSet fromBytes(byte[] data, String source) throws RomException {
        if (isZip(data)) {
            if (data.length > MAX_ZIP_BYTES) {
                throw new RomException(source + " is " + data.length + " bytes; a ROM zip must be at most "
                        + MAX_ZIP_BYTES + " (invaders.zip is a few KiB)");
            }
            return new RomSet(readZip(new java.io.ByteArrayInputStream(data), source), source);
        }
        if (data.length != IMAGE_SIZE) {
            throw new RomException(source + " is " + data.length + " bytes and not a zip; expected MAME's"
                    + " invaders.zip or an 8 KiB (" + IMAGE_SIZE + " byte) image");
        }
        return new RomSet(data.clone(), source);
    }

    /**
     * The four part files given by name (an upload): exactly {@code invaders.h}, {@code .g}, {@code .f} and
     * {@code .e} (case-insensitive), each {@value #PART_SIZE} bytes; {@code source} names them in messages.
     */
    public static RomSet fromParts(java.util.Map<String, byte[]> files, String source) throws RomException {
        byte[][] parts = new byte[4][];
        for (java.util.Map.Entry<String, byte[]> f : files.entrySet()) {
            int i = partIndex(f.getKey());
            if (i < 0) {
                throw new RomException(source + ": unknown file '" + f.getKey() + "'; give " + String.join(", ", PART_NAMES));
            }
            if (parts[i] != null) {
                throw new RomException(source + " holds " + PART_NAMES.get(i) + " twice");
            }
            byte[] part = f.getValue();
            if (part == null || part.length != PART_SIZE) {
                throw new RomException(source + ": " + f.getKey() + " is " + (part == null ? 0 : part.length)
                        + " bytes; " + PART_NAMES.get(i) + " must be " + PART_SIZE);
            }
            parts[i] = part;
        }
        return new RomSet(join(parts, source + " has no ",
                " (it must hold invaders.h, invaders.g, invaders.f and invaders.e)"), source);
    }

    /** The four parts, in order, as one image; when some are missing, an error: prefix, their names, suffix. */
    private static byte[] join(byte[][] parts, String missingPrefix, String missingSuffix) throws RomException {
        List<String> missing = new ArrayList<>();
        byte[] image = new byte[IMAGE_SIZE];
        for (int i = 0; i < 4; i++) {
            if (parts[i] == null) {
                missing.add(PART_NAMES.get(i));
            } else {
                System.arraycopy(parts[i], 0, image, i * PART_SIZE, PART_SIZE);
            }
        }
        if (!missing.isEmpty()) {
            throw new RomException(missingPrefix + String.join(", ", missing) + missingSuffix);
        }
        return image;
    }

    private static boolean isZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
    }

    private static boolean looksLikeZip(Path p) throws RomException {
        try (InputStream in = Files.newInputStream(p)) {
            return isZip(in.readNBytes(4));
        } catch (IOException e) {
            throw new RomException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** Reads at most max + 1 bytes of a regular file (never trusting its size). */
    private static byte[] readFile(Path p, int max) throws RomException {
        if (!Files.exists(p)) {
            throw new RomException("no such file: " + p);
        }
        if (!Files.isRegularFile(p)) {
            throw new RomException(p + " is not a regular file");
        }
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(max + 1);
        } catch (NoSuchFileException e) {
            throw new RomException("no such file: " + p, e);
        } catch (IOException e) {
            throw new RomException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static int partIndex(String fileName) {
        return PART_NAMES.indexOf(fileName.toLowerCase(Locale.ROOT));
    }

    private static String fileName(Path p) {
        Path f = p.getFileName();
        return f == null ? p.toString() : f.toString();
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Ends the stream after a fixed number of bytes, whatever the file claims. */
    private static final class LimitedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        LimitedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
