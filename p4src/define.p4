// Types and named constants of the BGP/MPLS IP VPN pipeline (RFC 4364, RFC 3032).
#ifndef __DEFINE__
#define __DEFINE__

typedef bit<9>  port_num_t;
typedef bit<48> mac_addr_t;
typedef bit<32> ipv4_addr_t;
typedef bit<12> vlan_id_t;
typedef bit<20> mpls_label_t;
// MPLS traffic class (RFC 5462, the former EXP bits): a VPN's QoS class, 0 for best effort.
typedef bit<3>  mpls_tc_t;
typedef bit<16> vrf_id_t;
typedef bit<32> next_id_t;
typedef bit<16> l4_port_t;
typedef bit<8>  punt_reason_t;

// BMv2 is started with --cpu-port 255: packet-in and packet-out travel through this port.
const port_num_t CPU_PORT = 255;

const bit<16> ETHERTYPE_IPV4 = 0x0800;
// ARP, LLDP and BDDP are only recognised: the punt table matches them by ethertype
// (ARP for PE interface addresses, LLDP/BDDP for ONOS link discovery).
const bit<16> ETHERTYPE_ARP  = 0x0806;
const bit<16> ETHERTYPE_LLDP = 0x88cc;
const bit<16> ETHERTYPE_BDDP = 0x8942;
const bit<16> ETHERTYPE_VLAN = 0x8100;
const bit<16> ETHERTYPE_MPLS = 0x8847;

const bit<8> IP_PROTO_ICMP = 1;
const bit<8> IP_PROTO_TCP  = 6;
const bit<8> IP_PROTO_UDP  = 17;

// BGP sessions (CE-PE eBGP) end on the controller; the pipeliner writes punt entries for
// TCP source or destination port 179.
const l4_port_t BGP_PORT = 179;

// Deepest label stack parsed: transport + VPN label, plus one spare for a label this
// PE terminates (explicit null or its own transport label). Deeper stacks fail to parse
// and are dropped.
#define MPLS_MAX_LABELS 3

// RFC 3032 reserved label "IPv4 explicit null": an upstream PHP node that keeps the label
// for its TC bits. It always means "this tunnel ends here", so the pipeline pops it without
// a table entry and the controller never has to know the value.
const mpls_label_t MPLS_LABEL_IPV4_EXPLICIT_NULL = 0;

// Why a packet reaches the controller (packet_in.reason).
// Control protocols (ARP, LLDP, BDDP, BGP) or an ACL entry of the punt table.
const punt_reason_t PUNT_REASON_CONTROL = 1;
// The TTL would reach 0 here: the controller answers (ICMP time exceeded, traceroute).
const punt_reason_t PUNT_REASON_TTL_EXPIRED = 2;
// Addressed to a PE interface address in a VRF (ping, traceroute destination).
const punt_reason_t PUNT_REASON_ROUTER = 3;

// What a port is attached to; set by the port_classifier table.
typedef bit<2> port_role_t;
const port_role_t PORT_ROLE_NONE = 0;
const port_role_t PORT_ROLE_CE   = 1;  // customer edge: plain IPv4 in one VRF
const port_role_t PORT_ROLE_CORE = 2;  // provider core: labelled packets only

// The forwarding decision, refined stage by stage; rewrite.p4 turns it into headers.
typedef bit<3> fwd_type_t;
const fwd_type_t FWD_NONE       = 0;
const fwd_type_t FWD_VRF_LOOKUP = 1;  // IPv4 still to be looked up in meta.vrf_id
const fwd_type_t FWD_TO_CE      = 2;  // plain IPv4 out to a CE
const fwd_type_t FWD_TO_PE      = 3;  // IPv4 into the VPN: push meta.vpn_label
const fwd_type_t FWD_TRANSIT    = 4;  // label-switched through (P router role)

// Which member action of the next table was chosen.
typedef bit<2> next_op_t;
const next_op_t NEXT_OP_NONE     = 0;
const next_op_t NEXT_OP_MPLS     = 1;  // mpls_out
const next_op_t NEXT_OP_MPLS_POP = 2;  // mpls_pop_out
const next_op_t NEXT_OP_CE       = 3;  // ce_out

#endif
