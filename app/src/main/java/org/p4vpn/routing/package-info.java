/**
 * The VPN route engine: VRF tables per PE and VPN instance, route-target import and export,
 * local route crossing, and the controller's route reflection among its PEs. It knows nothing of
 * P4 or REST; it turns configuration into VRF routes and says which best routes changed.
 */
package org.p4vpn.routing;
