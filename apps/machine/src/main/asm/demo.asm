; ==================================================================================================
; DRONE STORM - an original demo game for the Space Invaders arcade board (Intel 8080)
;
; Copyright (c) 2026 The Invaders project authors
; SPDX-License-Identifier: MIT
;
; Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
; associated documentation files (the "Software"), to deal in the Software without restriction,
; including without limitation the rights to use, copy, modify, merge, publish, distribute,
; sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
; furnished to do so, subject to the following conditions: The above copyright notice and this
; permission notice shall be included in all copies or substantial portions of the Software.
; THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED. See LICENSE.
;
; Written from scratch for this project: the code, the 5x7 font and the sprites are our own. It
; plays on the same board as the 1978 game (ports, shifter, interrupts, rotated monitor) but it
; is a different game: a swarm of eight drones sweeps across the sky, each bouncing off the sides
; on its own and dropping a row at every bounce; the nearest drone drops aimed bombs. Shoot them
; all for a new wave; lose a life to a bomb or when a drone reaches the ground.
;
; Built by the project's own assembler (dev.invaders.i8080.asm.Assembler) into an 8 KiB image,
; classpath resource /dev/invaders/machine/demo.bin (see apps/machine/pom.xml).
;
; Hardware use, as a real cartridge would:
;   RST 1 (0xCF, vector 0008H, mid-screen): latches IN 1, counts coins on the coin edge (IN 1
;          bit 0, active-low), steps the random generator and releases the main loop (TICK).
;   RST 2 (0xD7, vector 0010H, vblank): counts frames and flushes the sound latches (OUT 3 and
;          OUT 5) so that every sound is a fresh 0 -> 1 edge.
;   Both handlers save what they use and end with EI; RET.
;   OUT 2 / OUT 4 / IN 3: the shifter places every sprite at any bit row (DRAW).
;   OUT 6: watchdog, once a frame from the main loop and while clearing the screen.
;   IN 2 bits 0-1: lives per game (DIP switches: 3 to 6).
;   Controls (IN 1): bit 0 coin, bit 2 1P start, bit 4 fire, bit 5 left, bit 6 right.
;
; Screen coordinates: x = upright column 0-223 (= raster line); y = bit row 0-255 counted from the
; BOTTOM of the upright picture (upright row = 255 - y). Video byte = 2400H + 32*x + y/8, bit y%8.
; Sprites are a width byte, then one byte per column, bit 0 = bottom pixel; they are XORed in.
;
; RAM map (tests read these; 2000H-23FFH is work RAM, the stack grows down from 2400H):
;   2000H GSTATE    game state: 0 attract, 1 playing, 2 player dying, 3 game over
;   2001H CREDITS   credits, BCD (00-99)
;   2002H SCORE     score, 2 bytes BCD, low byte first (4 digits)
;   2004H HISCORE   best score since power-on, 2 bytes BCD, low byte first
;   2006H LIVES     lives left (binary)
;   2007H PLAYERX   player's left column (8-205)
;   2008H FRAMES    vblank count, 2 bytes (RST 2)
;   200AH MIDCNT    mid-screen interrupt count, 1 byte (RST 1)
;   200BH TICK      set by RST 1, cleared by the main loop
;   200CH INPUT     IN 1 as latched by RST 1
;   200DH COINPREV  coin seen in at the last RST 1 (for the edge)
;   200EH FIREPREV  fire bit at the last frame (shots fire on the press)
;   200FH RNG       8-bit LFSR, never 0
;   2010H TIMER     frames left in the dying / game-over states
;   2011H SHOTY     player's shot bit row (0 = no shot)
;   2012H SHOTX     player's shot column
;   2013H BOMBY     bomb bit row (0 = no bomb)
;   2014H BOMBX     bomb column
;   2015H WAVE      waves cleared in this game
;   2016H ALIVE     drones alive
;   2017H PHASE     which half of the swarm moves this frame (0 or 4)
;   2018H LANDFLAG  a drone reached the ground
;   2019H NOTE      fleet note 0-3, 201AH NOTETIME frames to the next note
;   201BH DEMOX, 201CH DEMOY, 201DH DEMODX, 201EH DEMODY: the attract-mode drone
;   2020H DRONES    8 drones x 4 bytes: alive, x, y, dx (signed step)
;   2040H SFX3      5 bytes: a sound request for each OUT 3 bit 0-4 (1 = start it)
;   2045H SFX5      OUT 5 bits requested (fleet notes)
; ==================================================================================================

VRAM     EQU 2400H
STACK    EQU 2400H

GSTATE   EQU 2000H
CREDITS  EQU 2001H
SCORE    EQU 2002H
HISCORE  EQU 2004H
LIVES    EQU 2006H
PLAYERX  EQU 2007H
FRAMES   EQU 2008H
MIDCNT   EQU 200AH
TICK     EQU 200BH
INPUT    EQU 200CH
COINPREV EQU 200DH
FIREPREV EQU 200EH
RNG      EQU 200FH
TIMER    EQU 2010H
SHOTY    EQU 2011H
SHOTX    EQU 2012H
BOMBY    EQU 2013H
BOMBX    EQU 2014H
WAVE     EQU 2015H
ALIVE    EQU 2016H
PHASE    EQU 2017H
LANDFLAG EQU 2018H
NOTE     EQU 2019H
NOTETIME EQU 201AH
DEMOX    EQU 201BH
DEMOY    EQU 201CH
DEMODX   EQU 201DH
DEMODY   EQU 201EH
DRONES   EQU 2020H
SFX3     EQU 2040H
SFX5     EQU 2045H

ST_ATTRACT EQU 0
ST_PLAY    EQU 1
ST_DYING   EQU 2
ST_OVER    EQU 3

; sound request slots (SFX3 + n -> OUT 3 bit n)
SFX_SHOT EQU SFX3+1
SFX_DIE  EQU SFX3+2
SFX_HIT  EQU SFX3+3
SFX_WAVE EQU SFX3+4

NDRONES  EQU 8
PLAYER_Y EQU 16             ; player's bottom bit row (byte row 2)
PXMIN    EQU 8
PXMAX    EQU 205
PX0      EQU 106
SHOT_Y0  EQU 24
SHOT_TOP EQU 228
DXMIN    EQU 4              ; drone columns 4-212
DXMAX    EQU 212
DROP     EQU 8              ; rows a drone drops at each bounce
LAND_Y   EQU 28             ; below this a drone has landed
BOMB_FLOOR EQU 14
DIE_TIME EQU 100
OVER_TIME EQU 200
NOTE_FRAMES EQU 20

; ---- vectors ---------------------------------------------------------------------------------------
        ORG 0
        DI
        LXI SP,STACK
        JMP START

        ORG 8               ; RST 1: mid-screen
        JMP MIDINT

        ORG 10H             ; RST 2: vblank
        JMP VBLINT

; ---- RST 1: inputs, coins, random numbers, frame tick -------------------------------------------
MIDINT: PUSH PSW
        PUSH B
        PUSH H
        LXI H,MIDCNT
        INR M
        IN 1
        STA INPUT
        CMA                 ; coin is active-low: 1 now means a coin is in
        ANI 1
        MOV B,A
        LDA COINPREV
        CMA
        ANA B               ; in now, not in before: the coin edge
        MOV A,B
        STA COINPREV
        JZ MID1
        LDA CREDITS
        CPI 99H
        JZ MID1
        ADI 1
        DAA
        STA CREDITS
MID1:   LDA RNG             ; Galois LFSR, taps 0B8H (period 255)
        ORA A
        RAR
        JNC MID2
        XRI 0B8H
MID2:   STA RNG
        MVI A,1
        STA TICK
        POP H
        POP B
        POP PSW
        EI
        RET

; ---- RST 2: frame count, sound latches ------------------------------------------------------------
VBLINT: PUSH PSW
        PUSH B
        PUSH H
        LHLD FRAMES
        INX H
        SHLD FRAMES
        LXI H,SFX3          ; gather the requests into OUT 3 bits 0-4
        MVI B,0
        MVI C,1
VBL1:   MOV A,M
        MVI M,0
        ORA A
        JZ VBL2
        MOV A,B
        ORA C
        MOV B,A
VBL2:   INX H
        MOV A,C
        RLC
        MOV C,A
        CPI 20H
        JNZ VBL1
        LDA GSTATE          ; amplifier on (bit 5) outside attract mode
        ORA A
        JZ VBL3
        MOV A,B
        ORI 20H
        MOV B,A
VBL3:   MOV A,B
        OUT 3
        LDA SFX5
        OUT 5
        XRA A
        STA SFX5
        POP H
        POP B
        POP PSW
        EI
        RET

; ---- power-on -------------------------------------------------------------------------------------
START:  LXI H,2000H         ; clear work RAM and video RAM (interrupts are still off)
        XRA A
CLR1:   MOV M,A
        INX H
        MOV A,H
        CPI 40H
        MVI A,0
        JNZ CLR1
        MVI A,1
        STA RNG
        CALL ATTRACT_INIT
        EI

; ---- main loop: one update per frame, released by the mid-screen interrupt ------------------------
MAIN:   LDA TICK
        ORA A
        JZ MAIN
        XRA A
        STA TICK
        OUT 6               ; watchdog
        LXI H,MAIN
        PUSH H              ; the state routine returns to MAIN
        LDA GSTATE
        ORA A
        JZ ATTRACT
        DCR A
        JZ PLAY
        DCR A
        JZ DYING
        JMP OVER

; ---- attract mode ---------------------------------------------------------------------------------
ATTRACT_INIT:
        CALL CLS
        XRA A
        STA GSTATE
        CALL HUD
        LXI H,VRAM+79*32+25
        LXI D,TXTTITLE
        CALL PRINT
        LXI H,VRAM+79*32+24
        LXI D,TXTRULE
        CALL PRINT
        LXI H,VRAM+55*32+22
        LXI D,TXTSTORY
        CALL PRINT
        MVI B,72            ; point table: the two drones and their values
        MVI C,153
        LXI D,DRONEA
        CALL DRAW
        LXI H,VRAM+86*32+19
        LXI D,TXT20
        CALL PRINT
        MVI B,72
        MVI C,137
        LXI D,DRONEB
        CALL DRAW
        LXI H,VRAM+86*32+17
        LXI D,TXT10
        CALL PRINT
        LXI H,VRAM+37*32+2
        LXI D,TXTCOPY
        CALL PRINT
        MVI A,10
        STA DEMOX
        MVI A,30
        STA DEMOY
        MVI A,1
        STA DEMODX
        STA DEMODY
        JMP DRAWDEMO

ATTRACT:
        CALL SHOWCRED
        LDA CREDITS         ; 1P start with a credit: play
        ORA A
        JZ ATT1
        LDA INPUT
        ANI 04H
        JZ ATT1
        LDA CREDITS
        ADI 99H             ; BCD minus one
        DAA
        STA CREDITS
        JMP GAME_INIT
ATT1:   CALL DRAWDEMO       ; erase, move, bounce, draw
        LXI H,DEMODX
        LDA DEMOX
        ADD M
        CPI 2
        JC ATT2
        CPI 215
        JC ATT3
ATT2:   MOV A,M
        CMA
        INR A
        MOV M,A
        LDA DEMOX
        ADD M
ATT3:   STA DEMOX
        LXI H,DEMODY
        LDA DEMOY
        ADD M
        CPI 26
        JC ATT4
        CPI 71
        JC ATT5
ATT4:   MOV A,M
        CMA
        INR A
        MOV M,A
        LDA DEMOY
        ADD M
ATT5:   STA DEMOY
        CALL DRAWDEMO
        LDA MIDCNT          ; the message blinks every 32 frames
        ANI 1FH
        RNZ
        LXI H,VRAM+73*32+10
        LXI D,TXTBLANK
        LDA MIDCNT
        ANI 20H
        JZ PRINT
        LXI D,TXTCOIN
        LDA CREDITS
        ORA A
        JZ PRINT
        LXI D,TXTSTART
        JMP PRINT

DRAWDEMO:
        LDA DEMOX
        MOV B,A
        LDA DEMOY
        MOV C,A
        LXI D,DRONEA
        JMP DRAW

; ---- a new game -----------------------------------------------------------------------------------
GAME_INIT:
        CALL CLS
        LXI H,0
        SHLD SCORE
        IN 2                ; DIP switches: lives = 3 + bits 0-1
        ANI 3
        ADI 3
        STA LIVES
        XRA A
        STA WAVE
        STA SHOTY
        STA BOMBY
        STA LANDFLAG
        STA PHASE
        STA NOTE
        MVI A,10H           ; a fire button held since the start does not shoot
        STA FIREPREV
        MVI A,1
        STA NOTETIME
        MVI A,PX0
        STA PLAYERX
        CALL HUD
        LXI H,VRAM+8*32+0
        LXI D,TXTLIVES
        CALL PRINT
        CALL SHOWLIVES
        LXI H,VRAM+1        ; the ground: bit row 12 across the screen
        MVI B,224
GI1:    MVI M,10H
        CALL NEXTCOL
        DCR B
        JNZ GI1
        CALL DRAWPLAYER
        CALL NEWWAVE
        MVI A,ST_PLAY
        STA GSTATE
        RET

; ---- playing --------------------------------------------------------------------------------------
PLAY:   CALL SHOWCRED
        LDA INPUT           ; left
        ANI 20H
        JZ PL1
        LDA PLAYERX
        CPI PXMIN+1
        JC PL1
        CALL DRAWPLAYER
        LXI H,PLAYERX
        DCR M
        CALL DRAWPLAYER
PL1:    LDA INPUT           ; right
        ANI 40H
        JZ PL2
        LDA PLAYERX
        CPI PXMAX
        JNC PL2
        CALL DRAWPLAYER
        LXI H,PLAYERX
        INR M
        CALL DRAWPLAYER
PL2:    LDA INPUT           ; fire, on the press
        ANI 10H
        MOV B,A
        LDA FIREPREV
        CMA
        ANA B
        MOV A,B
        STA FIREPREV
        JZ PL3
        LDA SHOTY
        ORA A
        JNZ PL3
        LDA PLAYERX
        ADI 5
        STA SHOTX
        MVI A,SHOT_Y0
        STA SHOTY
        MVI A,1
        STA SFX_SHOT
        CALL DRAWSHOT
PL3:    CALL MOVESHOT
        CALL MOVEDRONES
        LDA GSTATE
        CPI ST_PLAY
        RNZ
        CALL BOMBS
        LDA GSTATE
        CPI ST_PLAY
        RNZ
        LXI H,NOTETIME      ; fleet notes on OUT 5 bits 0-3
        DCR M
        RNZ
        MVI M,NOTE_FRAMES
        LDA NOTE
        INR A
        ANI 3
        STA NOTE
        MOV B,A
        MVI A,1
        INR B
PL4:    DCR B
        JZ PL5
        RLC
        JMP PL4
PL5:    STA SFX5
        RET

; the shot climbs 4 rows a frame and hits the first drone it overlaps
MOVESHOT:
        LDA SHOTY
        ORA A
        RZ
        CALL DRAWSHOT       ; erase
        LDA SHOTY
        ADI 4
        STA SHOTY
        CPI SHOT_TOP
        JNC MS4
        LXI H,DRONES
        MVI C,0
MS1:    MOV A,M
        ORA A
        JZ MS2
        INX H
        LDA SHOTX
        SUB M               ; shot x - drone x in 0..7?
        DCX H
        CPI 8
        JNC MS2
        INX H
        INX H
        LDA SHOTY
        ADI 3
        SUB M               ; shot top - drone bottom in 0..9?
        DCX H
        DCX H
        CPI 10
        JC MS5
MS2:    INX H
        INX H
        INX H
        INX H
        INR C
        MOV A,C
        CPI NDRONES
        JNZ MS1
        JMP DRAWSHOT
MS4:    XRA A
        STA SHOTY
        RET
MS5:    MVI M,0             ; hit: HL = the drone, C = its index
        XRA A
        STA SHOTY
        MVI A,1
        STA SFX_HIT
        MOV A,C
        PUSH PSW
        CALL DRAWDRONE      ; erase it
        POP PSW
        CPI 4
        MVI A,10H
        JNC MS6
        MVI A,20H
MS6:    CALL ADDSCORE
        LXI H,ALIVE
        DCR M
        RNZ
        LXI H,WAVE          ; all down: the next wave
        INR M
        MVI A,1
        STA SFX_WAVE
        JMP NEWWAVE

; half of the swarm moves each frame: 2 columns, and at a side it turns and drops a row
MOVEDRONES:
        LDA PHASE
        XRI 4
        STA PHASE
        MOV C,A
        ADD A
        ADD A
        ADI LOW DRONES
        MOV L,A
        MVI H,HIGH DRONES
        MVI B,4
MD1:    PUSH B
        MOV A,M
        ORA A
        JZ MD4
        MOV A,C
        CALL DRAWDRONE      ; erase
        INX H
        INX H
        INX H
        MOV D,M             ; dx
        DCX H
        DCX H
        MOV A,M             ; x
        ADD D
        CPI DXMIN
        JC MD2
        CPI DXMAX+1
        JNC MD2
        MOV M,A
        DCX H
        JMP MD3
MD2:    INX H               ; bounce: dx = -dx, y = y - DROP
        INX H
        MOV A,M
        CMA
        INR A
        MOV M,A
        DCX H
        MOV A,M
        SUI DROP
        MOV M,A
        DCX H
        DCX H
        CPI LAND_Y
        JNC MD3
        MVI A,1
        STA LANDFLAG
MD3:    POP B
        PUSH B
        MOV A,C
        CALL DRAWDRONE      ; draw at the new place
MD4:    POP B
        INX H
        INX H
        INX H
        INX H
        INR C
        DCR B
        JNZ MD1
        LDA LANDFLAG
        ORA A
        RZ
        JMP KILLPLAYER

; one bomb at a time, dropped by the drone nearest the player, 2 rows a frame
BOMBS:  LDA BOMBY
        ORA A
        JZ BM5
        CALL DRAWBOMB       ; erase
        LDA BOMBY
        SUI 2
        STA BOMBY
        CPI BOMB_FLOOR
        JC BM4
        CPI PLAYER_Y+8
        JNC DRAWBOMB
        LDA PLAYERX
        MOV B,A
        LDA BOMBX
        INR A
        SUB B
        CPI 11
        JNC DRAWBOMB
        XRA A               ; the player is hit
        STA BOMBY
        JMP KILLPLAYER
BM4:    XRA A
        STA BOMBY
        RET
BM5:    LDA RNG             ; about one frame in 16 a new bomb
        ANI 0FH
        RNZ
        LDA PLAYERX
        INR A
        MOV E,A             ; drone x for a bomb on the player's centre
        MVI D,0FFH          ; best distance so far
        MVI C,0FFH          ; its drone
        LXI H,DRONES
        MVI B,NDRONES
BM6:    MOV A,M
        ORA A
        JZ BM8
        INX H
        MOV A,M
        DCX H
        SUB E
        JNC BM7
        CMA
        INR A
BM7:    CMP D
        JNC BM8
        MOV D,A
        MVI A,NDRONES
        SUB B
        MOV C,A
BM8:    INX H
        INX H
        INX H
        INX H
        DCR B
        JNZ BM6
        MOV A,D
        CPI 48              ; only when one is within 48 columns
        RNC
        MOV A,C
        ADD A
        ADD A
        ADI LOW DRONES+1
        MOV L,A
        MVI H,HIGH DRONES
        MOV A,M
        ADI 3
        STA BOMBX
        INX H
        MOV A,M
        SUI 4
        STA BOMBY
        JMP DRAWBOMB

KILLPLAYER:
        CALL DRAWPLAYER     ; erase the player, draw the wreck
        CALL DRAWSPLAT
        LDA SHOTY
        ORA A
        JZ KP1
        CALL DRAWSHOT
        XRA A
        STA SHOTY
KP1:    LDA BOMBY
        ORA A
        JZ KP2
        CALL DRAWBOMB
        XRA A
        STA BOMBY
KP2:    MVI A,1
        STA SFX_DIE
        LXI H,LIVES
        DCR M
        CALL SHOWLIVES
        MVI A,DIE_TIME
        STA TIMER
        MVI A,ST_DYING
        STA GSTATE
        RET

; ---- dying, game over -----------------------------------------------------------------------------
DYING:  CALL SHOWCRED
        LXI H,TIMER
        DCR M
        RNZ
        CALL DRAWSPLAT      ; erase the wreck
        LDA LIVES
        ORA A
        JZ DY2
        LDA LANDFLAG
        ORA A
        JZ DY1
        CALL DRAWALL        ; a drone landed: the swarm starts over from the top
        CALL PLACE
        XRA A
        STA LANDFLAG
DY1:    CALL DRAWPLAYER
        MVI A,ST_PLAY
        STA GSTATE
        RET
DY2:    LXI H,VRAM+85*32+14
        LXI D,TXTOVER
        CALL PRINT
        MVI A,OVER_TIME
        STA TIMER
        MVI A,ST_OVER
        STA GSTATE
        RET

OVER:   CALL SHOWCRED
        LXI H,TIMER
        DCR M
        RNZ
        LXI H,HISCORE+1     ; keep the best score
        LDA SCORE+1
        CMP M
        JC ATTRACT_INIT
        JNZ OV1
        DCX H
        LDA SCORE
        CMP M
        JC ATTRACT_INIT
OV1:    LHLD SCORE
        SHLD HISCORE
        JMP ATTRACT_INIT

; ---- the swarm ------------------------------------------------------------------------------------
NEWWAVE:
        LXI H,DRONES
        MVI B,NDRONES
NW1:    MVI M,1
        INX H
        INX H
        INX H
        INX H
        DCR B
        JNZ NW1
        MVI A,NDRONES
        STA ALIVE
        CALL PLACE
        ; fall through: draw them

; XOR every live drone (draws or erases the swarm)
DRAWALL:
        LXI H,DRONES
        MVI C,0
DA1:    MOV A,M
        ORA A
        JZ DA2
        MOV A,C
        PUSH B
        CALL DRAWDRONE
        POP B
DA2:    INX H
        INX H
        INX H
        INX H
        INR C
        MOV A,C
        CPI NDRONES
        JNZ DA1
        RET

; x, y and dx of every drone from WAVEPOS (alive flags kept)
PLACE:  LXI H,DRONES
        LXI D,WAVEPOS
        MVI B,NDRONES
PC2:    INX H
        LDAX D
        MOV M,A
        INX D
        INX H
        LDAX D
        MOV M,A
        INX D
        INX H
        LDAX D
        MOV M,A
        INX D
        INX H
        DCR B
        JNZ PC2
        RET

; XOR drone A (0-7) whose entry is at HL; keeps HL
DRAWDRONE:
        PUSH H
        LXI D,DRONEA
        CPI 4
        JC DD1
        LXI D,DRONEB
DD1:    INX H
        MOV B,M
        INX H
        MOV C,M
        CALL DRAW
        POP H
        RET

DRAWPLAYER:
        LDA PLAYERX
        MOV B,A
        MVI C,PLAYER_Y
        LXI D,PLAYER
        JMP DRAW

DRAWSPLAT:
        LDA PLAYERX
        MOV B,A
        MVI C,PLAYER_Y
        LXI D,SPLAT
        JMP DRAW

DRAWSHOT:
        LDA SHOTX
        MOV B,A
        LDA SHOTY
        MOV C,A
        LXI D,SHOT
        JMP DRAW

DRAWBOMB:
        LDA BOMBX
        MOV B,A
        LDA BOMBY
        MOV C,A
        LXI D,BOMB
        JMP DRAW

; ---- drawing --------------------------------------------------------------------------------------
; DRAW: XOR the sprite at DE (width, then column bytes, bit 0 = bottom pixel) with its bottom row at
; bit row C of columns B, B+1, ... The shifter does the sub-byte placement: OUT 2 takes y mod 8;
; writing the column byte then 0 to OUT 4 gives, through IN 3, the part for the byte holding row y
; and then the part spilling into the byte above. Clobbers everything.
DRAW:   MOV A,C
        ANI 7
        OUT 2
        MOV L,B             ; HL = 2400H + 32*x + y/8
        MVI H,0
        DAD H
        DAD H
        DAD H
        DAD H
        DAD H
        MOV A,C
        RRC
        RRC
        RRC
        ANI 1FH
        ORA L
        MOV L,A
        MOV A,H
        ADI HIGH VRAM
        MOV H,A
        XRA A
        OUT 4
        LDAX D
        MOV B,A
DRAW1:  INX D
        LDAX D
        OUT 4
        IN 3
        XRA M
        MOV M,A
        INX H
        XRA A
        OUT 4
        IN 3
        XRA M
        MOV M,A
        MOV A,L             ; on to the next column: +32 - 1
        ADI 31
        MOV L,A
        JNC DRAW2
        INR H
DRAW2:  DCR B
        JNZ DRAW1
        RET

; CLS: clear video RAM, feeding the watchdog as it goes
CLS:    LXI H,VRAM
        MVI B,0
CLS1:   MOV M,B
        INX H
        MOV M,B
        INX H
        MOV M,B
        INX H
        MOV M,B
        INX H
        MOV A,L
        ORA A
        JNZ CLS1
        OUT 6
        MOV A,H
        CPI 40H
        JNZ CLS1
        RET

; PRINT: the 0-terminated text at DE, from the video address HL (a column, a byte row) rightwards
PRINT:  LDAX D
        ORA A
        RZ
        CALL PRCHAR
        INX D
        JMP PRINT

; PRCHAR: character A (' ' to 'Z') at HL, 5 columns and a blank one; HL moves 6 columns on.
; Keeps DE; clobbers A and C.
PRCHAR: PUSH D
        PUSH H
        SUI ' '
        MOV L,A
        MVI H,0
        MOV D,H
        MOV E,L
        DAD H
        DAD H
        DAD D
        LXI D,FONT
        DAD D
        XCHG
        POP H
        MVI C,5
PCH1:   LDAX D
        MOV M,A
        INX D
        CALL NEXTCOL
        DCR C
        JNZ PCH1
        MVI M,0
        CALL NEXTCOL
        POP D
        RET

NEXTCOL:
        MOV A,L
        ADI 32
        MOV L,A
        RNC
        INR H
        RET

; PRBCD: the BCD byte A as two digits at HL
PRBCD:  PUSH PSW
        RRC
        RRC
        RRC
        RRC
        ANI 0FH
        ADI '0'
        CALL PRCHAR
        POP PSW
        ANI 0FH
        ADI '0'
        JMP PRCHAR

; ADDSCORE: add the BCD byte A to SCORE and show it
ADDSCORE:
        LXI H,SCORE
        ADD M
        DAA
        MOV M,A
        INX H
        MVI A,0
        ADC M
        DAA
        MOV M,A
        ; fall through

SHOWSCORE:
        LXI H,VRAM+44*32+30
        LDA SCORE+1
        CALL PRBCD
        LDA SCORE
        JMP PRBCD

SHOWHI: LXI H,VRAM+168*32+30
        LDA HISCORE+1
        CALL PRBCD
        LDA HISCORE
        JMP PRBCD

SHOWCRED:
        LXI H,VRAM+192*32+0
        LDA CREDITS
        JMP PRBCD

SHOWLIVES:
        LXI H,VRAM+44*32+0
        LDA LIVES
        ADI '0'
        JMP PRCHAR

; HUD: labels and numbers at the top and the credit count at the bottom
HUD:    LXI H,VRAM+8*32+30
        LXI D,TXTSCORE
        CALL PRINT
        LXI H,VRAM+150*32+30
        LXI D,TXTHI
        CALL PRINT
        LXI H,VRAM+150*32+0
        LXI D,TXTCREDIT
        CALL PRINT
        CALL SHOWSCORE
        CALL SHOWHI
        JMP SHOWCRED

; ---- data -----------------------------------------------------------------------------------------
TXTTITLE:  DB "DRONE STORM",0
TXTRULE:   DB "-----------",0
TXTSTORY:  DB "THE SWARM IS COMING",0
TXT20:     DB "= 20 POINTS",0
TXT10:     DB "= 10 POINTS",0
TXTCOPY:   DB "2026 THE INVADERS PROJECT",0
TXTCOIN:   DB " INSERT COIN ",0
TXTSTART:  DB "PUSH 1P START",0
TXTBLANK:  DB "             ",0
TXTSCORE:  DB "SCORE",0
TXTHI:     DB "HI",0
TXTCREDIT: DB "CREDIT",0
TXTLIVES:  DB "LIVES",0
TXTOVER:   DB "GAME OVER",0

; start of a wave: x, y, dx for each drone (top row scores 20, bottom row 10)
WAVEPOS:   DB 20,200,2, 70,200,2, 120,200,2, 170,200,2
           DB 34,180,0FEH, 84,180,0FEH, 134,180,0FEH, 184,180,0FEH

FONT:   ; 5 columns a character, bit 7 = top row, bit 0 = blank spacing row; ' ' to 'Z'
        DB 000H,000H,000H,000H,000H   ; ' '
        DB 000H,000H,0FAH,000H,000H   ; '!'
        DB 000H,000H,000H,000H,000H   ; '"'
        DB 000H,000H,000H,000H,000H   ; '#'
        DB 000H,000H,000H,000H,000H   ; '$'
        DB 000H,000H,000H,000H,000H   ; '%'
        DB 000H,000H,000H,000H,000H   ; '&'
        DB 000H,000H,000H,000H,000H   ; "'"
        DB 000H,000H,000H,000H,000H   ; '('
        DB 000H,000H,000H,000H,000H   ; ')'
        DB 010H,054H,038H,054H,010H   ; '*'
        DB 000H,000H,000H,000H,000H   ; '+'
        DB 000H,000H,000H,000H,000H   ; ','
        DB 000H,010H,010H,010H,000H   ; '-'
        DB 000H,000H,002H,000H,000H   ; '.'
        DB 000H,000H,000H,000H,000H   ; '/'
        DB 07CH,08AH,092H,0A2H,07CH   ; '0'
        DB 000H,042H,0FEH,002H,000H   ; '1'
        DB 046H,08AH,092H,092H,062H   ; '2'
        DB 082H,092H,092H,092H,06CH   ; '3'
        DB 018H,028H,048H,0FEH,008H   ; '4'
        DB 0E4H,0A2H,0A2H,0A2H,09CH   ; '5'
        DB 03CH,052H,092H,092H,00CH   ; '6'
        DB 080H,08EH,090H,0A0H,0C0H   ; '7'
        DB 06CH,092H,092H,092H,06CH   ; '8'
        DB 060H,092H,092H,094H,078H   ; '9'
        DB 000H,000H,044H,000H,000H   ; ':'
        DB 000H,000H,000H,000H,000H   ; ';'
        DB 000H,000H,000H,000H,000H   ; '<'
        DB 028H,028H,028H,028H,028H   ; '='
        DB 000H,000H,000H,000H,000H   ; '>'
        DB 000H,000H,000H,000H,000H   ; '?'
        DB 000H,000H,000H,000H,000H   ; '@'
        DB 03EH,048H,088H,048H,03EH   ; 'A'
        DB 0FEH,092H,092H,092H,06CH   ; 'B'
        DB 07CH,082H,082H,082H,082H   ; 'C'
        DB 0FEH,082H,082H,082H,07CH   ; 'D'
        DB 0FEH,092H,092H,092H,082H   ; 'E'
        DB 0FEH,090H,090H,090H,080H   ; 'F'
        DB 07CH,082H,082H,092H,09CH   ; 'G'
        DB 0FEH,010H,010H,010H,0FEH   ; 'H'
        DB 000H,082H,0FEH,082H,000H   ; 'I'
        DB 004H,002H,082H,0FCH,080H   ; 'J'
        DB 0FEH,010H,028H,044H,082H   ; 'K'
        DB 0FEH,002H,002H,002H,002H   ; 'L'
        DB 0FEH,040H,030H,040H,0FEH   ; 'M'
        DB 0FEH,040H,020H,010H,0FEH   ; 'N'
        DB 07CH,082H,082H,082H,07CH   ; 'O'
        DB 0FEH,090H,090H,090H,060H   ; 'P'
        DB 07CH,082H,08AH,084H,07AH   ; 'Q'
        DB 0FEH,090H,098H,094H,062H   ; 'R'
        DB 062H,092H,092H,092H,08CH   ; 'S'
        DB 080H,080H,0FEH,080H,080H   ; 'T'
        DB 0FCH,002H,002H,002H,0FCH   ; 'U'
        DB 0F0H,00CH,002H,00CH,0F0H   ; 'V'
        DB 0FCH,002H,01CH,002H,0FCH   ; 'W'
        DB 0C6H,028H,010H,028H,0C6H   ; 'X'
        DB 0C0H,020H,01EH,020H,0C0H   ; 'Y'
        DB 086H,08AH,092H,0A2H,0C2H   ; 'Z'
PLAYER:
        ; .....#.....
        ; ....###....
        ; ..#.#.#.#..
        ; .#########.
        ; ###########
        ; ##.#####.##
        ; #..#...#..#
        ; ...........
        DB 11
        DB 00EH,01CH,038H,01EH,07CH,0DCH,07CH,01EH,038H,01CH,00EH
DRONEA:
        ; ..####..
        ; .#....#.
        ; #.#..#.#
        ; ########
        ; .#.##.#.
        ; #......#
        ; .#....#.
        DB 8
        DB 01AH,02DH,058H,04CH,04CH,058H,02DH,01AH
DRONEB:
        ; #..##..#
        ; .######.
        ; ##.##.##
        ; .######.
        ; ..#..#..
        ; .#....#.
        ; #......#
        DB 8
        DB 051H,03AH,02CH,078H,078H,02CH,03AH,051H
SPLAT:
        ; #...#...#.
        ; .#.#.#.#..
        ; ..#...#..#
        ; #..#.#..#.
        ; .#..#..#..
        ; ..#...#..#
        ; .#.#.#.#..
        ; #...#...#.
        DB 10
        DB 091H,04AH,024H,052H,089H,052H,024H,04AH,091H,024H
SHOT:
        ; #
        ; #
        ; #
        ; #
        DB 1
        DB 00FH
BOMB:
        ; .#.
        ; ###
        ; .#.
        ; #.#
        DB 3
        DB 005H,00EH,005H

; ---- pad to the 8 KiB ROM (DS fails the build if the code ever outgrows it) -----------------------
        DS 1FFFH-$
        DB 0FFH
        END
