/**
 * Transport LSPs: label-switched paths between PEs over the provider topology, with equal-cost
 * paths, per-network tunnel ending (PHP, explicit null, UHP) and precomputed backup paths.
 */
package org.p4vpn.lsp;
