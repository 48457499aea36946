/**
 * The ONOS device programmer: turns the translator's P4 entities into flow rules and
 * action-profile groups and keeps the switches this instance masters in step, by diff.
 */
package org.p4vpn.program;
