/**
 * REST API of the VPN service under {@code /l3vpn/v1}: JAX-RS resources that use only the service
 * interfaces, mapped error responses, HTTP Basic authentication and an embedded Grizzly server.
 */
package org.p4vpn.rest;
