package dev.invaders.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.Opcode;
import dev.invaders.i8080.OpcodeTable;
import dev.invaders.i8080.exec.ExecuteRequest;
import dev.invaders.i8080.exec.ExecuteResult;
import dev.invaders.i8080.exec.Execution;
import dev.invaders.i8080.exec.PortWrite;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written wire format: what it writes it reads back, and what it does not take it says so. */
class ExecuteJsonTest {

    private static CpuState randomState(Random r) {
        return new CpuState(r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(256),
                r.nextInt(256), r.nextInt(256), r.nextInt(65536), r.nextInt(65536), r.nextInt(256), r.nextBoolean(),
                false, r.nextLong(1L << 40));
    }

    private static ExecuteRequest randomRequest(Random r, int opcode) {
        Opcode op = OpcodeTable.get(opcode);
        List<Integer> operands = new ArrayList<>();
        for (int i = 1; i < op.length(); i++) {
            operands.add(r.nextInt(256));
        }
        byte[] memory = new byte[65536];
        r.nextBytes(memory);
        CpuState s = randomState(r);
        // The instruction's own bytes are in memory too, as a fetch loop reads them.
        memory[s.pc()] = (byte) opcode;
        for (int i = 0; i < operands.size(); i++) {
            memory[(s.pc() + 1 + i) & 0xFFFF] = operands.get(i).byteValue();
        }
        Integer port = op.reads().contains(dev.invaders.i8080.Access.PORT) ? r.nextInt(256) : null;
        return ExecuteRequest.fromMemory(opcode, operands, s, a -> memory[a], port);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ExecuteRequest read(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ExecuteJson.readRequest(bytes, bytes.length);
    }

    @Test
    void everyOpcodesRequestAndAnswerReadBackAsWritten() {
        Random r = new Random(8080);
        for (int opcode = 0; opcode < 256; opcode++) {
            for (int i = 0; i < 20; i++) {
                ExecuteRequest request = randomRequest(r, opcode);
                byte[] body = ExecuteJson.request(request);
                assertEquals(request, ExecuteJson.readRequest(body, body.length), text(body));

                ExecuteResult result = Execution.execute(request);
                String family = OpcodeTable.get(opcode).family().serviceName();
                byte[] answer = ExecuteJson.answer(result, family, "1.2.3");
                assertEquals(new ExecuteJson.Answer(result, family, "1.2.3"), ExecuteJson.readAnswer(opcode, answer),
                        text(answer));
            }
        }
    }

    @Test
    void theAnswerIsTheContractsJson() {
        CpuState s = new CpuState(0, 0, 0, 0, 0, 0, 0, 9216, 256, 0, false, false, 0);
        ExecuteResult r = Execution.execute(new ExecuteRequest(0xCD, List.of(0, 16), s, java.util.Map.of(), null));
        assertEquals("{\"state\":{\"a\":0,\"b\":0,\"c\":0,\"d\":0,\"e\":0,\"h\":0,\"l\":0,\"stackPointer\":9214,"
                + "\"programCounter\":4096,\"cycles\":17,\"interruptsEnabled\":false,\"halted\":false,\"flags\":{"
                + "\"sign\":false,\"zero\":false,\"auxCarry\":false,\"parity\":false,\"carry\":false}},"
                + "\"writes\":[{\"address\":9214,\"value\":3},{\"address\":9215,\"value\":1}],\"out\":null,"
                + "\"cycles\":17,\"family\":\"call\",\"version\":\"0.1.0\"}", text(ExecuteJson.answer(r, "call", "0.1.0")));
        assertEquals("\"a\\\"b\\\\c\\n\\t\\u0001é\"", text(ExecuteJson.answer(r, "call", "a\"b\\c\n\t\u0001é"))
                .replaceAll("^.*\"version\":(.*)}$", "$1"));
    }

    @Test
    void aPlainRequestInAnyOrderWithBlanksAndNulls() {
        String state = "{ \"flags\" : {\"carry\":true,\"sign\":false,\"zero\":false,\"auxCarry\":false,\"parity\":false},"
                + "\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"h\":6,\"l\":7,\"stackPointer\":8,\"programCounter\":256,"
                + "\"cycles\":123456789012,\"interruptsEnabled\":true,\"halted\":null }";
        ExecuteRequest r = read("\r\n\t{ \"state\": " + state + ", \"port\": null, \"memory\": null,"
                + " \"operands\": null, \"opcode\": 0 }  \n");
        assertNotNull(r);
        assertEquals(new ExecuteRequest(0, List.of(), new CpuState(1, 2, 3, 4, 5, 6, 7, 8, 256, CpuState.CARRY, true,
                false, 123456789012L), java.util.Map.of(), null), r);
        ExecuteRequest lda = read("{\"opcode\":58,\"operands\":[0,48],\"memory\":[{\"value\":9,\"address\":12288}],"
                + "\"state\":" + state + "}");
        assertEquals(java.util.Map.of(12288, 9), lda.memory());
        assertEquals(List.of(0, 48), lda.operands());
        ExecuteRequest in = read("{\"opcode\":219,\"operands\":[1],\"port\":{\"value\":153},\"state\":" + state + "}");
        assertEquals(153, in.portValue());
    }

    @Test
    void anythingElseIsLeftToTheGeneralReader() {
        String state = "\"state\":{\"a\":0,\"b\":0,\"c\":0,\"d\":0,\"e\":0,\"h\":0,\"l\":0,\"stackPointer\":0,"
                + "\"programCounter\":0,\"cycles\":0,\"interruptsEnabled\":false,\"flags\":{\"sign\":false,"
                + "\"zero\":false,\"auxCarry\":false,\"parity\":false,\"carry\":false}}";
        assertNotNull(read("{\"opcode\":0," + state + "}"), "the base case is plain");
        List<String> notPlain = List.of(
                "", " ", "null", "[]", "{}", "{\"opcode\":0}", "{" + state + "}",
                "{\"opcode\":0," + state + "} {}", "{\"opcode\":0," + state + "}x",
                "{\"opcode\":0,\"opcode\":0," + state + "}", "{\"opcode\":0," + state + ",\"id\":1}",
                "{\"opcode\":00," + state + "}", "{\"opcode\":-0," + state + "}", "{\"opcode\":1.0," + state + "}",
                "{\"opcode\":1e0," + state + "}", "{\"opcode\":\"0\"," + state + "}", "{\"opcode\":null," + state + "}",
                "{\"opcode\":true," + state + "}", "{\"opcode\":1234567890," + state + "}",
                "{\"opcode\":0,\"operands\":[null]," + state + "}", "{\"opcode\":0,\"operands\":5," + state + "}",
                "{\"opcode\":0,\"operands\":[1,]," + state + "}", "{\"opcode\":0,\"operands\":[1 2]," + state + "}",
                "{\"opcode\":0,\"memory\":[{\"address\":1}]," + state + "}",
                "{\"opcode\":0,\"memory\":[{\"address\":1,\"value\":2},{\"address\":1,\"value\":2}]," + state + "}",
                "{\"opcode\":0,\"memory\":[null]," + state + "}", "{\"opcode\":0,\"port\":{}," + state + "}",
                "{\"opcode\":0,\"port\":{\"value\":1,\"x\":2}," + state + "}", "{\"opcode\":0,\"state\":null}",
                "{\"opcode\":0," + state.replace("\"a\":0,", "") + "}",
                "{\"opcode\":0," + state.replace("\"a\":0,", "\"a\":256,") + "}",
                "{\"opcode\":0," + state.replace("\"a\":0,", "\"a\":0,\"a\":0,") + "}",
                "{\"opcode\":0," + state.replace("\"a\":0,", "\"a\":0,\"x\":0,") + "}",
                "{\"opcode\":0," + state.replace("\"interruptsEnabled\":false", "\"interruptsEnabled\":0") + "}",
                "{\"opcode\":0," + state.replace("\"interruptsEnabled\":false", "\"interruptsEnabled\":null") + "}",
                "{\"opcode\":0," + state.replace("\"sign\":false,", "") + "}",
                "{\"opcode\":0," + state.replace("\"sign\":false,", "\"sign\":falsey,") + "}",
                "{\"opcode\":0," + state.replace("\"cycles\":0", "\"cycles\":1234567890123456789") + "}",
                "{\"op\\u0063ode\":0," + state + "}", "{\"opcode\":0," + state + "/* */}",
                "{\"opcode\":0, " + state.replace("{\"a\"", "{\u00a0\"a\"") + "}",
                "{'opcode':0," + state + "}", "{\"opcode\":0," + state + ",}", "{\"opcode\":0," + state);
        for (String body : notPlain) {
            assertNull(read(body), body);
        }
    }

    @Test
    void anAnswerMaySayMoreButNotLess() {
        CpuState s = new CpuState(1, 0, 0, 0, 0, 0, 0, 9216, 256, 0, false, false, 4);
        ExecuteResult r = new ExecuteResult(0xD3, s, List.of(), new PortWrite(3, 66), 10);
        String body = new String(ExecuteJson.answer(r, "out", "2.0"), StandardCharsets.UTF_8);
        String more = body.replace("{\"state\":", "{\"trace\":{\"id\":\"x\\\"y\",\"spans\":[1,-2.5e3,true,null,[]]},"
                + "\"state\":").replace("\"flags\":{", "\"flags\":{\"x\":1,");
        assertEquals(new ExecuteJson.Answer(r, "out", "2.0"),
                ExecuteJson.readAnswer(0xD3, more.getBytes(StandardCharsets.UTF_8)));
        for (String broken : List.of("", "{}", body.replace("\"cycles\":10,", ""), body + "x",
                body.replace("\"writes\":[]", "\"writes\":[{\"address\":1}]"), "<html>", body.substring(1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ExecuteJson.readAnswer(0xD3, broken.getBytes(StandardCharsets.UTF_8)), broken);
            assertTrue(e.getMessage().startsWith("not an execute answer"), e.getMessage());
        }
    }
}
