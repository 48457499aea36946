package org.p4vpn.bgp.wire;

/** Numbers of the BGP protocol: message types, attribute type codes and flags, AFI/SAFI, error codes. */
public final class Bgp {

    private Bgp() {
    }

    /** Length of the header: marker, length, type (RFC 4271 section 4.1). */
    public static final int HEADER_LENGTH = 19;
    /** Largest message without the extended-message capability. */
    public static final int MAX_MESSAGE_LENGTH = 4096;
    /** The well-known port. */
    public static final int PORT = 179;
    /** AS_TRANS (RFC 6793): stands in for a 4-octet AS in 2-octet fields. */
    public static final int AS_TRANS = 23456;

    /** Message types. */
    public static final int OPEN = 1;
    /** UPDATE. */
    public static final int UPDATE = 2;
    /** NOTIFICATION. */
    public static final int NOTIFICATION = 3;
    /** KEEPALIVE. */
    public static final int KEEPALIVE = 4;
    /** ROUTE-REFRESH (RFC 2918). */
    public static final int ROUTE_REFRESH = 5;

    /** Attribute flags. */
    public static final int FLAG_OPTIONAL = 0x80;
    /** Transitive. */
    public static final int FLAG_TRANSITIVE = 0x40;
    /** Partial. */
    public static final int FLAG_PARTIAL = 0x20;
    /** Extended length (two length octets). */
    public static final int FLAG_EXTENDED = 0x10;

    /** Attribute type codes. */
    public static final int ATTR_ORIGIN = 1;
    /** AS_PATH. */
    public static final int ATTR_AS_PATH = 2;
    /** NEXT_HOP. */
    public static final int ATTR_NEXT_HOP = 3;
    /** MULTI_EXIT_DISC. */
    public static final int ATTR_MED = 4;
    /** LOCAL_PREF. */
    public static final int ATTR_LOCAL_PREF = 5;
    /** ATOMIC_AGGREGATE. */
    public static final int ATTR_ATOMIC_AGGREGATE = 6;
    /** AGGREGATOR. */
    public static final int ATTR_AGGREGATOR = 7;
    /** COMMUNITIES (RFC 1997). */
    public static final int ATTR_COMMUNITIES = 8;
    /** ORIGINATOR_ID (RFC 4456). */
    public static final int ATTR_ORIGINATOR_ID = 9;
    /** CLUSTER_LIST (RFC 4456). */
    public static final int ATTR_CLUSTER_LIST = 10;
    /** MP_REACH_NLRI (RFC 4760). */
    public static final int ATTR_MP_REACH = 14;
    /** MP_UNREACH_NLRI (RFC 4760). */
    public static final int ATTR_MP_UNREACH = 15;
    /** EXTENDED_COMMUNITIES (RFC 4360). */
    public static final int ATTR_EXTENDED_COMMUNITIES = 16;
    /** AS4_PATH (RFC 6793). */
    public static final int ATTR_AS4_PATH = 17;
    /** AS4_AGGREGATOR (RFC 6793). */
    public static final int ATTR_AS4_AGGREGATOR = 18;

    /** AFI IPv4. */
    public static final int AFI_IPV4 = 1;
    /** SAFI unicast. */
    public static final int SAFI_UNICAST = 1;
    /** SAFI MPLS-labeled VPN (RFC 4364). */
    public static final int SAFI_VPN = 128;

    /** Capability codes. */
    public static final int CAP_MULTIPROTOCOL = 1;
    /** Route refresh (RFC 2918). */
    public static final int CAP_ROUTE_REFRESH = 2;
    /** Graceful restart (RFC 4724). */
    public static final int CAP_GRACEFUL_RESTART = 64;
    /** 4-octet AS numbers (RFC 6793). */
    public static final int CAP_AS4 = 65;

    /** NOTIFICATION error codes (RFC 4271 section 4.5). */
    public static final int ERR_HEADER = 1;
    /** OPEN message error. */
    public static final int ERR_OPEN = 2;
    /** UPDATE message error. */
    public static final int ERR_UPDATE = 3;
    /** Hold timer expired. */
    public static final int ERR_HOLD_TIMER = 4;
    /** Finite state machine error. */
    public static final int ERR_FSM = 5;
    /** Cease. */
    public static final int ERR_CEASE = 6;
    /** ROUTE-REFRESH message error (RFC 7313). */
    public static final int ERR_ROUTE_REFRESH = 7;

    /** Header subcodes. */
    public static final int HDR_NOT_SYNCHRONIZED = 1;
    /** Bad message length. */
    public static final int HDR_BAD_LENGTH = 2;
    /** Bad message type. */
    public static final int HDR_BAD_TYPE = 3;

    /** OPEN subcodes. */
    public static final int OPEN_UNSUPPORTED_VERSION = 1;
    /** Bad peer AS. */
    public static final int OPEN_BAD_PEER_AS = 2;
    /** Bad BGP identifier. */
    public static final int OPEN_BAD_BGP_ID = 3;
    /** Unsupported optional parameter. */
    public static final int OPEN_UNSUPPORTED_PARAMETER = 4;
    /** Unacceptable hold time. */
    public static final int OPEN_UNACCEPTABLE_HOLD_TIME = 6;

    /** UPDATE subcodes. */
    public static final int UPD_MALFORMED_ATTRIBUTE_LIST = 1;
    /** Attribute flags error. */
    public static final int UPD_ATTRIBUTE_FLAGS = 4;
    /** Attribute length error. */
    public static final int UPD_ATTRIBUTE_LENGTH = 5;
    /** Optional attribute error. */
    public static final int UPD_OPTIONAL_ATTRIBUTE = 9;
    /** Invalid network field. */
    public static final int UPD_INVALID_NETWORK = 10;

    /** Cease subcodes (RFC 4486). */
    public static final int CEASE_ADMIN_SHUTDOWN = 2;
    /** Peer de-configured. */
    public static final int CEASE_PEER_DECONFIGURED = 3;
    /** Connection rejected. */
    public static final int CEASE_CONNECTION_REJECTED = 5;
    /** Connection collision resolution. */
    public static final int CEASE_COLLISION = 7;
}
