// Router-MAC check: a PE or P routes only frames addressed to one of its own MACs.
#ifndef __MY_STATION__
#define __MY_STATION__

#include <core.p4>
#include <v1model.p4>
#include "define.p4"
#include "size.p4"
#include "header.p4"

control MyStation(inout headers_t hdr,
                  inout local_metadata_t meta,
                  inout standard_metadata_t std_meta) {

    direct_counter(CounterType.packets_and_bytes) my_station_counter;

    action nop() { }

    action drop() {
        mark_to_drop(std_meta);
        exit;
    }

    // Matches: Ethernet destination, exact. Hit: the frame is for this router, routing
    // continues. Miss: drop, flooding or bridging is not this switch's job.
    table my_station {
        key = {
            hdr.ethernet.dst_addr : exact @name("eth_dst");
        }
        actions = {
            nop;
            @defaultonly drop;
        }
        const default_action = drop();
        counters = my_station_counter;
        size = MY_STATION_TABLE_SIZE;
    }

    apply {
        my_station.apply();
    }
}

#endif
