/**
 * One 8080 instruction as a pure function: {@link dev.invaders.i8080.exec.Execution} runs the real
 * {@link dev.invaders.i8080.Cpu} for one step over exactly the inputs the opcode table declares, and
 * returns exactly the outputs it declares. The opcode service puts HTTP around it; callers may retry,
 * cache ({@link dev.invaders.i8080.exec.Execution#inputKey}) and load-balance it.
 */
package dev.invaders.i8080.exec;
