// Emulator test program: the BMv2 JSON constructs our pipeline uses and a few more, in one
// v1model program. Compiled with
//   p4c-bm2-ss --arch v1model -o features.json --p4runtime-files features.p4info.txt features.p4
// (the outputs are committed next to this file). Ports out of the ingress tables carry the result.
// Nothing reads a field of an invalid header into a computation: BMv2 returns stale values
// there (from an earlier packet), which the emulator does not reproduce.
#include <core.p4>
#include <v1model.p4>

error { BadSource }

header ethernet_t {
    bit<48> dst;
    bit<48> src;
    bit<16> type;
}

// Odd widths, a signed field: 3 + 13 + 7 + 9 + 32 = 64 bits.
header odd_t {
    bit<3>  a;
    bit<13> b;
    bit<7>  c;
    int<9>  s;
    bit<32> d;
}

header tag_t {
    bit<8> v;
    bit<7> x;
    bit<1> last;
}

header wide_t {
    bit<128> w;
    bit<16>  csum;
}

struct headers_t {
    ethernet_t ethernet;
    odd_t      odd;
    tag_t[4]   tags;
    wide_t     wide;
}

struct meta_t {
    bit<16> h16;
    bit<32> h32;
    bit<8>  peek;
    bit<8>  count_idx;
    bit<1>  big;
}

parser P(packet_in pkt, out headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    state start {
        pkt.extract(hdr.ethernet);
        verify(hdr.ethernet.src != 0, error.BadSource);
        transition select(hdr.ethernet.type) {
            0x88b5: parse_odd;
            0x8800 &&& 0xff00: parse_tags;
            default: accept;
        }
    }
    state parse_odd {
        pkt.extract(hdr.odd);
        transition select(hdr.odd.a, hdr.odd.c) {
            (7, 0x7f): parse_wide;
            (1 &&& 1, _): parse_tags;
            default: accept;
        }
    }
    state parse_tags {
        pkt.extract(hdr.tags.next);
        transition select(hdr.tags.last.last) {
            1: parse_after;
            default: parse_tags;
        }
    }
    state parse_after {
        meta.peek = pkt.lookahead<bit<8>>();
        transition select(meta.peek) {
            0xff: parse_wide;
            default: accept;
        }
    }
    state parse_wide {
        pkt.extract(hdr.wide);
        transition accept;
    }
}

control VC(inout headers_t hdr, inout meta_t meta) {
    apply {
        verify_checksum(hdr.wide.isValid(), { hdr.wide.w, hdr.odd.a, 5w3 }, hdr.wide.csum, HashAlgorithm.csum16);
    }
}

control I(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    counter(16, CounterType.packets_and_bytes) by_index;
    direct_counter(CounterType.packets_and_bytes) tern_counter;

    action drop() { mark_to_drop(sm); }
    action to_port(bit<9> port) { sm.egress_spec = port; }
    action to_port_count(bit<9> port) {
        sm.egress_spec = port;
        tern_counter.count();
    }
    action arith(bit<9> port, bit<7> k) {
        sm.egress_spec = port;
        hdr.odd.a = hdr.odd.a + 7;
        hdr.odd.c = hdr.odd.c - k;
        hdr.odd.s = hdr.odd.s * 3;
        hdr.odd.b = hdr.odd.b << 5;
        hdr.odd.d = (hdr.odd.d >> 3) | (bit<32>) hdr.odd.c;
    }
    action push_tag(bit<9> port, bit<8> v) {
        sm.egress_spec = port;
        hdr.tags.push_front(1);
        hdr.tags[0].setValid();
        hdr.tags[0].v = v;
        hdr.tags[0].x = (bit<7>) hdr.tags[1].v;
    }
    action pop_two(bit<9> port) {
        sm.egress_spec = port;
        hdr.tags.pop_front(2);
    }

    table t_tern {
        key = {
            hdr.ethernet.dst  : ternary @name("dst");
            hdr.ethernet.type : range @name("type");
            hdr.odd.isValid() : exact @name("odd_valid");
        }
        actions = { to_port_count; drop; }
        default_action = drop();
        counters = tern_counter;
        size = 8;
    }

    table t_lpm {
        key = {
            hdr.odd.a : exact @name("a");
            hdr.odd.d : lpm @name("d");
        }
        actions = { arith; to_port; drop; }
        default_action = to_port(9);
    }

    table t_tags {
        key = { hdr.tags[0].v : exact @name("v0"); }
        actions = { push_tag; pop_two; to_port; }
        const default_action = to_port(10);
    }

    table t_const {
        key = { hdr.ethernet.src : ternary @name("src"); }
        actions = { to_port; NoAction; }
        const entries = {
            48w0x000000000001 &&& 48w0x0000000000ff : to_port(11);
            48w0x0000000000a1 &&& 48w0x0000000000f0 : to_port(12);
        }
        default_action = NoAction();
    }

    apply {
        if (sm.parser_error != error.NoError) {
            sm.egress_spec = (sm.parser_error == error.BadSource) ? 9w13 : 9w14;
            hdr.ethernet.type = (sm.parser_error == error.PacketTooShort) ? 16w1
                : ((sm.parser_error == error.StackOutOfBounds) ? 16w3 : 16w0xee);
            exit;
        }
        if (sm.checksum_error == 1) {
            sm.egress_spec = 15;
            exit;
        }
        if (t_const.apply().hit) {
            exit;
        }
        hash(meta.h16, HashAlgorithm.crc16, 16w0, { hdr.ethernet.dst, hdr.ethernet.src, meta.peek }, 17w65536);
        hash(meta.h32, HashAlgorithm.crc32, 32w5, { hdr.ethernet.src, 3w1 }, 32w1000);
        meta.count_idx = (bit<8>) meta.h16 & 8w15;
        by_index.count((bit<32>) meta.count_idx);
        if (hdr.odd.isValid()) {
            if (hdr.odd.s < 0 && hdr.odd.b >= 13w4000) {
                meta.big = 1;
            }
            t_lpm.apply();
            if (meta.big == 1) {
                hdr.odd.b = 13w42;
            }
        } else if (hdr.tags[0].isValid()) {
            switch (t_tags.apply().action_run) {
                push_tag: { hdr.ethernet.type = 16w0x8801; }
                pop_two: { hdr.ethernet.type = (bit<16>) (hdr.tags[0].isValid() ? 8w0x22 : 8w0x33); }
            }
        } else {
            t_tern.apply();
        }
        hdr.ethernet.dst = ((bit<32>) meta.h16 ++ 16w0) |+| 48w0xffffffff0000;
        hdr.ethernet.src[31:0] = meta.h32;
        if (hdr.wide.isValid()) {
            hdr.wide.w = ~(hdr.wide.w + 128w1) ^ (hdr.wide.w << 100);
        }
    }
}

control E(inout headers_t hdr, inout meta_t meta, inout standard_metadata_t sm) {
    apply {
        if (sm.egress_port == 9) {
            hdr.odd.setInvalid();
        }
        if (sm.egress_port == 14) {
            mark_to_drop(sm);
        }
    }
}

control C(inout headers_t hdr, inout meta_t meta) {
    apply {
        update_checksum(hdr.wide.isValid(), { hdr.wide.w, hdr.odd.a, 5w3 }, hdr.wide.csum, HashAlgorithm.csum16);
    }
}

control D(packet_out pkt, in headers_t hdr) {
    apply {
        pkt.emit(hdr.ethernet);
        pkt.emit(hdr.odd);
        pkt.emit(hdr.tags);
        pkt.emit(hdr.wide);
    }
}

V1Switch(P(), VC(), I(), E(), C(), D()) main;
