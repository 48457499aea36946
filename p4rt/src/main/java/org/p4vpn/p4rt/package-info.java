/**
 * P4Runtime v1 over gRPC: a client (primary election, pipeline push, batched writes, reads,
 * packet-in/out) and helpers to start BMv2's simple_switch_grpc for tests and labs.
 */
package org.p4vpn.p4rt;
