package dev.invaders.machine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Synthetic ROM files only: the real ROM is never in the repository. */
class RomSetTest {
    @TempDir
    Path dir;

    private static final byte[][] PARTS = {
            TestRom.noise(2048, 1), TestRom.noise(2048, 2), TestRom.noise(2048, 3), TestRom.noise(2048, 4)};
    private static final byte[] IMAGE = concat(PARTS);

    private static byte[] concat(byte[][] parts) {
        byte[] image = new byte[8192];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(parts[i], 0, image, i * 2048, 2048);
        }
        return image;
    }

    private interface ZipWriter {
        void write(ZipOutputStream zip) throws IOException;
    }

    private Path zip(String name, ZipWriter writer) throws IOException {
        Path p = dir.resolve(name);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            writer.write(z);
        }
        return p;
    }

    private static void entry(ZipOutputStream z, String name, byte[] data) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(data);
        z.closeEntry();
    }

    private RomException fails(Path p) {
        return assertThrows(RomException.class, () -> RomSet.load(p));
    }

    private static void assertMentions(RomException e, String... parts) {
        for (String s : parts) {
            assertTrue(e.getMessage().contains(s), "'" + s + "' not in: " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void aZipWithAnAbsoluteOrClimbingEntryNameIsRefused() throws Exception {
        String[] names = {"/invaders.h", "/etc/invaders.h", "../invaders.h", "roms/../../invaders.h", "\\invaders.h",
                "C:/roms/invaders.h", "c:\\invaders.h", "roms\\..\\invaders.h", "/", "../"};
        int n = 0;
        for (String bad : names) {
            Path z = zip("bad" + n++ + ".zip", zip -> {
                entry(zip, "invaders.g", PARTS[1]);
                entry(zip, bad, PARTS[0]);
                entry(zip, "invaders.f", PARTS[2]);
                entry(zip, "invaders.e", PARTS[3]);
            });
            assertMentions(fails(z), "absolute name or one with '..'");
            RomException e = assertThrows(RomException.class, () -> RomSet.fromBytes(Files.readAllBytes(z), "romImage"));
            assertMentions(e, "romImage", "absolute name or one with '..'");
        }
        // Dots inside a name are fine.
        Path ok = zip("ok.zip", zip -> {
            entry(zip, "roms..v1/invaders.h", PARTS[0]);
            entry(zip, "invaders.g", PARTS[1]);
            entry(zip, "..invaders/invaders.f", PARTS[2]);
            entry(zip, "invaders.e", PARTS[3]);
        });
        RomSet.load(ok);
    }

    @Test
    void mameZipInAnyOrderAnyCaseInASubfolder() throws Exception {
        Path z = zip("invaders.zip", zip -> {
            entry(zip, "roms/", new byte[0]);
            entry(zip, "roms/INVADERS.E", PARTS[3]);
            entry(zip, "roms/readme.txt", "hello".getBytes());
            entry(zip, "roms/invaders.g", PARTS[1]);
            entry(zip, "roms/Invaders.H", PARTS[0]);
            entry(zip, "roms/invaders.f", PARTS[2]);
        });
        RomSet rom = RomSet.load(z);
        assertArrayEquals(IMAGE, rom.image());
        assertFalse(rom.known());
        assertEquals(1, rom.warnings().size());
        String w = rom.warnings().getFirst();
        assertTrue(w.contains("unknown ROM") && w.contains(rom.sha256()), w);
        assertTrue(w.contains("invaders.h has CRC32") && w.contains("not 734f5ad8") && w.contains("not 14e538b0"), w);
        assertEquals(RomSet.sha256(IMAGE), rom.sha256());
    }

    @Test
    void directoryWithTheFourFiles() throws Exception {
        Path d = Files.createDirectory(dir.resolve("set"));
        String[] names = {"invaders.h", "INVADERS.G", "invaders.F", "invaders.e"};
        for (int i = 0; i < 4; i++) {
            Files.write(d.resolve(names[i]), PARTS[i]);
        }
        Files.writeString(d.resolve("notes.txt"), "x");
        assertArrayEquals(IMAGE, RomSet.load(d).image());
    }

    @Test
    void fourFilesNamedExplicitly() throws Exception {
        Path[] files = new Path[4];
        for (int i = 0; i < 4; i++) {
            files[i] = Files.write(dir.resolve(RomSet.PART_NAMES.get(i)), PARTS[i]);
        }
        assertArrayEquals(IMAGE, RomSet.load(List.of(files[3], files[1], files[0], files[2])).image(), "by name");
        Path[] plain = new Path[4];
        for (int i = 0; i < 4; i++) {
            plain[i] = Files.write(dir.resolve("part" + i + ".bin"), PARTS[i]);
        }
        assertArrayEquals(IMAGE, RomSet.load(List.of(plain)).image(), "in the order given: h, g, f, e");
        Files.write(plain[2], Arrays.copyOf(PARTS[2], 2047));
        assertMentions(assertThrows(RomException.class, () -> RomSet.load(List.of(plain))), "part2.bin", "2047", "2048");
        assertMentions(assertThrows(RomException.class, () -> RomSet.load(List.of(plain[0], plain[1]))), "four files");
    }

    @Test
    void singleImage() throws Exception {
        Path p = Files.write(dir.resolve("invaders.rom"), IMAGE);
        RomSet rom = RomSet.load(p);
        assertArrayEquals(IMAGE, rom.image());
        assertEquals(p.toString(), rom.source());
    }

    @Test
    void wrongSizeImage() throws Exception {
        assertMentions(fails(Files.write(dir.resolve("short.rom"), new byte[8191])), "short.rom", "8191", "8192");
        assertMentions(fails(Files.write(dir.resolve("long.rom"), new byte[8193])), "long.rom", "larger than 8192");
        assertMentions(fails(Files.write(dir.resolve("empty.rom"), new byte[0])), "empty.rom", "0 bytes");
    }

    @Test
    void missingPathAndDirectoryWithoutTheFiles() throws Exception {
        assertMentions(fails(dir.resolve("nope.zip")), "no such file or directory", "nope.zip");
        Path d = Files.createDirectory(dir.resolve("partial"));
        Files.write(d.resolve("invaders.h"), PARTS[0]);
        Files.write(d.resolve("invaders.zip"), new byte[10]);
        assertMentions(fails(d), "partial", "has no invaders.g, invaders.f, invaders.e", "pass that file instead");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertMentions(fails(empty), "has no invaders.h, invaders.g, invaders.f, invaders.e");
    }

    @Test
    void zipMissingFilesOrHoldingThemTwice() throws Exception {
        assertMentions(fails(zip("three.zip", z -> {
            entry(z, "invaders.h", PARTS[0]);
            entry(z, "invaders.g", PARTS[1]);
            entry(z, "invaders.e", PARTS[3]);
        })), "three.zip", "has no invaders.f");
        assertMentions(fails(zip("twice.zip", z -> {
            entry(z, "a/invaders.h", PARTS[0]);
            entry(z, "b/invaders.h", PARTS[0]);
        })), "holds invaders.h twice");
        assertMentions(fails(zip("empty.zip", z -> { })), "empty.zip", "has no invaders.h");
    }

    @Test
    void zipEntryOfTheWrongSize() throws Exception {
        assertMentions(fails(zip("big.zip", z -> entry(z, "invaders.g", new byte[4096]))),
                "invaders.g", "larger than 2048");
        assertMentions(fails(zip("small.zip", z -> entry(z, "invaders.g", new byte[100]))),
                "invaders.g", "100 bytes");
    }

    @Test
    void corruptZips() throws Exception {
        Path good = zip("good.zip", z -> {
            for (int i = 0; i < 4; i++) {
                entry(z, RomSet.PART_NAMES.get(i), PARTS[i]);
            }
        });
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        RomException e = fails(truncated);
        assertMentions(e, "truncated.zip");
        byte[] garbled = bytes.clone();
        for (int i = 40; i < garbled.length - 40; i++) {
            garbled[i] ^= 0x5A;
        }
        assertMentions(fails(Files.write(dir.resolve("garbled.zip"), garbled)), "garbled.zip");
        byte[] header = {'P', 'K', 3, 4, 1, 2, 3};
        assertMentions(fails(Files.write(dir.resolve("header.zip"), header)), "header.zip");
        assertMentions(fails(Files.write(dir.resolve("text.zip"), "not a zip".getBytes())), "corrupt zip", "text.zip");
    }

    @Test
    void oversizedZipFileIsRefusedUnread() throws Exception {
        Path p = dir.resolve("huge.zip");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.write(new byte[] {'P', 'K', 3, 4});
            f.setLength(RomSet.MAX_ZIP_BYTES + 1);           // sparse: costs no disk
        }
        assertMentions(fails(p), "huge.zip", "at most " + RomSet.MAX_ZIP_BYTES);
    }

    @Test
    void tooManyEntries() throws Exception {
        assertMentions(fails(zip("many.zip", z -> {
            for (int i = 0; i < 1000; i++) {
                entry(z, "f" + i, new byte[0]);
            }
        })), "more than " + RomSet.MAX_ENTRIES + " entries");
    }

    /** A real zip bomb: 1 GiB of zeros deflated (fast level) to under 5 MiB, made on the fly, next to the genuine parts. */
    @Test
    void zipBombIsStoppedAtTheInflateLimit() throws Exception {
        Path bomb = dir.resolve("bomb.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(bomb))) {
            z.setLevel(Deflater.BEST_SPEED);
            for (int i = 0; i < 4; i++) {
                entry(z, RomSet.PART_NAMES.get(i), PARTS[i]);
            }
            z.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        assertTrue(Files.size(bomb) < RomSet.MAX_ZIP_BYTES, "small enough to pass the file-size check: " + Files.size(bomb));
        RomException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> fails(bomb));
        assertMentions(e, "bomb.zip", "inflates to more than " + RomSet.MAX_INFLATED_BYTES);
    }

    @Test
    void notARegularFile() throws Exception {
        Path devZero = Path.of("/dev/zero");
        if (Files.exists(devZero)) {
            assertMentions(fails(devZero), "not a regular file");
        }
    }

    @Test
    void fromImageChecksTheSize() throws Exception {
        assertArrayEquals(IMAGE, RomSet.fromImage(IMAGE, "test").image());
        assertMentions(assertThrows(RomException.class, () -> RomSet.fromImage(new byte[10], "tiny")), "tiny", "10 bytes");
    }

    // --- uploads: bytes and named parts in memory --------------------------------------------------

    private static byte[] zipBytes(ZipWriter writer) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            writer.write(z);
        }
        return bytes.toByteArray();
    }

    @Test
    void fromBytesTakesAZipOrAnImage() throws Exception {
        byte[] zip = zipBytes(z -> {
            entry(z, "roms/INVADERS.E", PARTS[3]);
            entry(z, "invaders.f", PARTS[2]);
            entry(z, "invaders.g", PARTS[1]);
            entry(z, "invaders.h", PARTS[0]);
        });
        RomSet fromZip = RomSet.fromBytes(zip, "romImage");
        assertArrayEquals(IMAGE, fromZip.image());
        assertEquals("romImage", fromZip.source());
        assertTrue(fromZip.warnings().getFirst().contains("unknown ROM"), fromZip.warnings().toString());
        RomSet fromImage = RomSet.fromBytes(IMAGE, "romImage");
        assertArrayEquals(IMAGE, fromImage.image());
        assertEquals(fromZip.sha256(), fromImage.sha256());
    }

    @Test
    void fromBytesRefusesWhatIsNeitherWithOneLine() throws Exception {
        assertMentions(assertThrows(RomException.class, () -> RomSet.fromBytes(new byte[100], "romImage")),
                "romImage is 100 bytes and not a zip", "invaders.zip", "8192");
        assertMentions(assertThrows(RomException.class, () -> RomSet.fromBytes(new byte[0], "romImage")),
                "0 bytes");
        byte[] zip = zipBytes(z -> {
            for (int i = 0; i < 4; i++) {
                entry(z, RomSet.PART_NAMES.get(i), PARTS[i]);
            }
        });
        assertMentions(assertThrows(RomException.class, () -> RomSet.fromBytes(Arrays.copyOf(zip, zip.length / 2),
                "romImage")), "romImage");
        assertMentions(assertThrows(RomException.class, () -> RomSet.fromBytes(new byte[] {'P', 'K', 3, 4, 9, 9},
                "romImage")), "romImage");
        assertMentions(assertThrows(RomException.class, () -> RomSet.fromBytes(zipBytes(z ->
                entry(z, "invaders.h", PARTS[0])), "romImage")), "romImage has no invaders.g, invaders.f, invaders.e");
        assertMentions(assertThrows(RomException.class, () -> RomSet.fromBytes(zipBytes(z ->
                entry(z, "invaders.h", new byte[100])), "romImage")), "invaders.h", "100 bytes", "2048");
    }

    @Test
    void fromPartsNeedsTheFourNamedFiles() throws Exception {
        java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("invaders.e", PARTS[3]);
        files.put("INVADERS.G", PARTS[1]);
        files.put("invaders.h", PARTS[0]);
        files.put("invaders.f", PARTS[2]);
        assertArrayEquals(IMAGE, RomSet.fromParts(files, "romFiles").image());
        files.remove("invaders.f");
        assertMentions(assertThrows(RomException.class, () -> RomSet.fromParts(files, "romFiles")),
                "romFiles has no invaders.f");
        files.put("invaders.f", new byte[2047]);
        assertMentions(assertThrows(RomException.class, () -> RomSet.fromParts(files, "romFiles")),
                "invaders.f is 2047 bytes", "2048");
        files.put("invaders.f", PARTS[2]);
        files.put("readme.txt", new byte[1]);
        assertMentions(assertThrows(RomException.class, () -> RomSet.fromParts(files, "romFiles")),
                "unknown file 'readme.txt'");
        files.remove("readme.txt");
        files.put("Invaders.H", PARTS[0]);
        assertMentions(assertThrows(RomException.class, () -> RomSet.fromParts(files, "romFiles")),
                "invaders.h twice");
    }
}
