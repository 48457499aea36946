// Table sizes. Macros rather than consts because @max_group_size takes a literal.
#ifndef __SIZE__
#define __SIZE__

// (port, VLAN) attachments: every CE sub-interface and core link of one PE.
#define PORT_CLASSIFIER_TABLE_SIZE 1024
// Control-protocol punts and ACL entries: a handful per protocol and per port.
#define PUNT_TABLE_SIZE 256
// Router MACs: one per PE interface at most.
#define MY_STATION_TABLE_SIZE 256
// All VRFs share one FIB: (vrf_id, prefix) for every customer route on this PE.
#define VRF_FIB_TABLE_SIZE 65536
// Transport labels this PE terminates (one per LSP ending here, per upstream if labels differ).
#define MPLS_TERMINATE_TABLE_SIZE 16384
// Transit labels (P role) plus VPN labels (per VRF, per CE or per prefix).
#define MPLS_FIB_TABLE_SIZE 16384
// Next hops: one per LSP towards a remote PE, per CE adjacency, per ECMP set.
#define NEXT_TABLE_SIZE 4096
// Members shared by all ECMP groups of the next table.
#define NEXT_SELECTOR_SIZE 1024
// Equal-cost paths one next hop can spread over.
#define NEXT_MAX_GROUP_SIZE 16

#endif
