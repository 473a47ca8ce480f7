package dev.invaders.cpu.session;

import dev.invaders.cpu.CpuProperties;
import dev.invaders.cpu.machine.InvadersDriver;
import dev.invaders.machine.Programs;
import dev.invaders.machine.RomException;
import dev.invaders.machine.RomSet;
import dev.invaders.service.Problems;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * An Invaders session's ROM: the demo game, an upload a create request carries (romImage or romFiles, checked
 * by RomSet against {@code max-rom-size}), or the one a checkpoint's memory holds.
 */
@Component
class RomDecoder {
    private final CpuProperties props;

    RomDecoder(CpuProperties props) {
        this.props = props;
    }

    /** The ROM a request names: the demo game, or an upload (romImage or romFiles) checked by RomSet. */
    InvadersDriver.Rom rom(SessionManager.CreateRequest req) {
        boolean upload = req.romImage() != null || req.romFiles() != null;
        String name = req.rom() == null ? (upload ? "upload" : "demo") : req.rom();
        if (upload && !"upload".equals(name)) {
            throw Problems.badRequest("rom is '" + name + "' but the request uploads one (romImage or romFiles):"
                    + " leave rom out or set it to upload");
        }
        if (req.romImage() != null && req.romFiles() != null) {
            throw Problems.badRequest("give romImage (a zip or an 8 KiB image) or romFiles (the four files),"
                    + " not both");
        }
        if ("upload".equals(name)) {
            if (!upload) {
                throw Problems.badRequest("rom upload needs romImage (MAME's invaders.zip or an 8 KiB image, base64)"
                        + " or romFiles ({\"invaders.h\": base64, ...})");
            }
            RomSet set;
            try {
                if (req.romImage() != null) {
                    set = RomSet.fromBytes(decodeRom("romImage", req.romImage()), "romImage");
                } else {
                    Map<String, byte[]> files = new LinkedHashMap<>();
                    for (Map.Entry<String, String> f : req.romFiles().entrySet()) {
                        if (f.getValue() == null) {
                            throw Problems.badRequest("romFiles: " + f.getKey() + " is null; give its bytes in base64");
                        }
                        files.put(f.getKey(), decodeRom("romFiles " + f.getKey(), f.getValue()));
                    }
                    set = RomSet.fromParts(files, "romFiles");
                }
            } catch (RomException e) {
                throw Problems.badRequest(e.getMessage());
            }
            return new InvadersDriver.Rom("upload", set.image(), set.sha256(), set.warnings());
        }
        return demoRom(name);
    }

    private byte[] decodeRom(String what, String base64) {
        long max = props.maxRomSize().toBytes();
        if (base64.length() / 4L * 3 > max + 3) {
            throw Problems.of(HttpStatus.CONTENT_TOO_LARGE, what + " is about " + base64.length() / 4L * 3
                    + " bytes; at most " + max + " (MAME's invaders.zip is about 5 KB, an image 8,192 bytes)");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest(what + " is not valid base64 (RFC 4648, padded): " + e.getMessage());
        }
        if (data.length > max) {
            throw Problems.of(HttpStatus.CONTENT_TOO_LARGE, what + " is " + data.length + " bytes; at most " + max
                    + " (MAME's invaders.zip is about 5 KB, an image 8,192 bytes)");
        }
        return data;
    }

    private static InvadersDriver.Rom demoRom(String name) {
        if (!"demo".equals(name)) {
            throw Problems.badRequest("unknown rom '" + name + "': demo (the project's own game), or upload"
                    + " your own with romImage or romFiles; the arcade ROM is never bundled");
        }
        byte[] image = Programs.demo().orElseThrow(() -> Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                "this build has no demo ROM"));
        return new InvadersDriver.Rom("demo", image, sha256(image), List.of());
    }

    private static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * The ROM of a checkpointed session: the demo, or an upload, which the checkpoint's memory holds at
     * 0x0000-0x1FFF (ROM cannot be written), checked against the SHA-256 recorded with it.
     */
    InvadersDriver.Rom restoredRom(JsonNode m, byte[] memory) {
        String name = m.path("rom").asString();
        if (!"upload".equals(name)) {
            return demoRom(name);
        }
        byte[] image = java.util.Arrays.copyOf(memory, RomSet.IMAGE_SIZE);
        String sha = sha256(image);
        if (!sha.equals(m.path("romSha256").asString())) {
            throw new IllegalArgumentException("the uploaded ROM in the checkpoint's memory has SHA-256 " + sha
                    + ", not the recorded " + m.path("romSha256").asString());
        }
        try {
            return new InvadersDriver.Rom("upload", image, sha, RomSet.fromImage(image, "upload").warnings());
        } catch (RomException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
