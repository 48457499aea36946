/**
 * A P4 pipeline emulator that behaves like BMv2's simple_switch running a p4c-bm2-ss (v1model)
 * BMv2 JSON program: {@link org.p4vpn.emulator.P4Program#load} validates and compiles the JSON
 * (failing on any construct it does not implement), {@link org.p4vpn.emulator.EmulatedSwitch}
 * holds one switch's data-plane state and runs packets through the v1model path.
 *
 * <p>Semantics follow BMv2's sources: exact integer arithmetic truncated on assignment,
 * P4_16 header stacks, parser errors recorded rather than dropped, checksums as
 * calculations, BMv2's table lookups (including its LPM prefix over byte-padded fields),
 * PI's P4Runtime checks and error codes, and PI/BMv2's action selector member choice
 * (crc16 % members ordered by BMv2 member handle) so that outputs are byte-identical to
 * BMv2's. Known deliberate difference: fields of invalid headers read as 0, where BMv2
 * returns stale values of an earlier packet.</p>
 */
package org.p4vpn.emulator;
