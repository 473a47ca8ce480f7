package dev.invaders.ui;

/**
 * fetch-execute's frame stream ({@code application/vnd.invaders.frames}): messages of
 * {@code u8 type, u32 big-endian length, payload}. The relay passes each message on whole (header
 * included) as one binary WebSocket message, so the page parses the same format; the types it knows:
 */
final class StreamMessage {
    /** u64 frame, u8 flags (bit 0 keyframe), u8 sound3, u8 sound5, u8 edges3, u8 edges5, video RAM delta. */
    static final int FRAME = 1;
    /** UTF-8 JSON: the session view, framesPerSecond, emulatedMHz, mesh. */
    static final int STATS = 2;
    /** UTF-8 text printed since the last CONSOLE. */
    static final int CONSOLE = 3;
    /** UTF-8 JSON {status, error}; the stream ends after it. */
    static final int END = 4;
    /** The header: type and length. */
    static final int HEADER = 5;
    /** The frame stream's media type. */
    static final String MEDIA_TYPE = "application/vnd.invaders.frames";

    private StreamMessage() {
    }
}
