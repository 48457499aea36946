package org.p4vpn.bgp.wire;

import com.google.common.base.MoreObjects;
import org.onlab.packet.Ip4Address;
import org.p4vpn.api.InvalidInputException;


/**
 * Settings of the wire speaker: identity, AS, cluster id when it reflects routes, where it
 * listens, and its timers (RFC 4271 section 10: hold time 90 s, connect retry 120 s suggested;
 * a shorter connect retry is kept here because a controller wants its sessions back quickly).
 */
public final class SpeakerConfig {

    private final Ip4Address routerId;
    private final long localAs;
    private final Ip4Address clusterId;
    private final Ip4Address listenAddress;
    private final int port;
    private final int holdTime;
    private final int connectRetrySeconds;
    private final int restartTime;

    /**
     * Creates settings.
     *
     * @param routerId            BGP identifier
     * @param localAs             own AS
     * @param clusterId           cluster id if a route reflector, else null
     * @param listenAddress       address to listen on and connect from
     * @param port                TCP port (179; 0 for any free port)
     * @param holdTime            proposed hold time: 0 or 3..65535 seconds
     * @param connectRetrySeconds seconds between connection attempts, at least 1
     * @param restartTime         graceful-restart time announced (RFC 4724), 0..4095
     * @throws InvalidInputException on values out of range
     */
    public SpeakerConfig(Ip4Address routerId, long localAs, Ip4Address clusterId, Ip4Address listenAddress, int port,
                         int holdTime, int connectRetrySeconds, int restartTime) {
        this.routerId = required("routerId", routerId);
        if (routerId.toInt() == 0) {
            throw new InvalidInputException("routerId", routerId, "the BGP identifier must not be 0.0.0.0");
        }
        if (localAs < 1 || localAs > 0xFFFF_FFFFL) {
            throw new InvalidInputException("localAs", localAs, "an AS number is 1 to 4294967295");
        }
        if (holdTime != 0 && (holdTime < 3 || holdTime > 0xFFFF)) {
            throw new InvalidInputException("holdTime", holdTime, "the hold time is 0 or 3 to 65535 seconds");
        }
        if (port < 0 || port > 0xFFFF) {
            throw new InvalidInputException("port", port, "a TCP port is 0 to 65535");
        }
        if (connectRetrySeconds < 1) {
            throw new InvalidInputException("connectRetry", connectRetrySeconds, "at least 1 second");
        }
        if (restartTime < 0 || restartTime > 4095) {
            throw new InvalidInputException("restartTime", restartTime, "the restart time is 0 to 4095 seconds");
        }
        this.localAs = localAs;
        this.clusterId = clusterId;
        this.listenAddress = required("listenAddress", listenAddress);
        this.port = port;
        this.holdTime = holdTime;
        this.connectRetrySeconds = connectRetrySeconds;
        this.restartTime = restartTime;
    }

    /** @return BGP identifier */
    public Ip4Address routerId() {
        return routerId;
    }

    /** @return own AS */
    public long localAs() {
        return localAs;
    }

    /** @return cluster id, or null if not a route reflector */
    public Ip4Address clusterId() {
        return clusterId;
    }

    /** @return the address listened on and connected from */
    public Ip4Address listenAddress() {
        return listenAddress;
    }

    /** @return TCP port */
    public int port() {
        return port;
    }

    /** @return proposed hold time in seconds */
    public int holdTime() {
        return holdTime;
    }

    /** @return seconds between connection attempts */
    public int connectRetrySeconds() {
        return connectRetrySeconds;
    }

    /** @return graceful-restart time announced */
    public int restartTime() {
        return restartTime;
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(field, null, field + " is required");
        }
        return value;
    }

    @Override
    public String toString() {
        return MoreObjects.toStringHelper(this).omitNullValues().add("routerId", routerId).add("as", localAs)
                .add("clusterId", clusterId).add("listen", listenAddress + ":" + port).add("hold", holdTime)
                .toString();
    }
}
