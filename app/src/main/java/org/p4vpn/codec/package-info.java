/**
 * JSON forms of the VPN model, shared by the REST API, the scenario and network files, and the
 * CLI. Decoding rejects unknown fields and names the offending field in every error.
 */
package org.p4vpn.codec;
