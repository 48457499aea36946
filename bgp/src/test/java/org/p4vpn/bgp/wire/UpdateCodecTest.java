package org.p4vpn.bgp.wire;

import org.junit.jupiter.api.Test;
import org.onlab.packet.Ip4Address;
import org.p4vpn.api.AsPath;
import org.p4vpn.api.Origin;
import org.p4vpn.api.PathAttributes;
import org.p4vpn.api.RouteSource;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.VpnPrefix;
import org.p4vpn.api.VpnRoute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** UPDATE, OPEN and small messages: what is encoded decodes to the same, and RFC 7606 on bad input. */
class UpdateCodecTest {

    private static final Ip4Address NH = Ip4Address.valueOf("192.0.2.1");

    static PathAttributes reflectedAttrs() {
        return PathAttributes.of(Origin.IGP, AsPath.sequence(65001, 4200000000L), 7L, 200,
                                 Ip4Address.valueOf("10.0.0.1"),
                                 List.of(Ip4Address.valueOf("1.1.1.1"), Ip4Address.valueOf("2.2.2.2")),
                                 List.of(RouteTarget.of("65000:1"), RouteTarget.of("192.0.2.9:7")))
                .withOtherAttributes(UpdateEncoder.attr(0xC0, Bgp.ATTR_COMMUNITIES, new byte[] {0, 1, 0, 2}));
    }

    static byte[] body(byte[] message) {
        return Arrays.copyOfRange(message, Bgp.HEADER_LENGTH, message.length);
    }

    @Test
    void announcementsRoundTripWithEveryAttribute() throws BgpError {
        for (boolean as4 : new boolean[] {true, false}) {
            List<VpnRoute> routes = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                routes.add(new VpnRoute(VpnPrefix.of("65000:" + (i % 7) + ":10." + (i / 256) + "." + (i % 256)
                        + ".0/" + (24 + i % 9)), NH, 16 + i, reflectedAttrs(), RouteSource.LOCAL));
            }
            List<byte[]> msgs = new ArrayList<>();
            new UpdateEncoder(as4, false).announce(routes, msgs::add);
            assertTrue(msgs.size() > 1, "500 routes need more than one 4,096-byte UPDATE");
            List<VpnRoute> back = new ArrayList<>();
            for (byte[] m : msgs) {
                assertTrue(m.length <= Bgp.MAX_MESSAGE_LENGTH);
                Messages.checkHeader(m);
                UpdateMessage u = UpdateDecoder.decode(body(m), as4, false);
                assertTrue(u.notes().isEmpty(), u.notes().toString());
                back.addAll(u.announced());
            }
            assertEquals(routes, back, "as4=" + as4);
        }
    }

    @Test
    void withdrawalsAndEndOfRibRoundTrip() throws BgpError {
        List<VpnPrefix> gone = List.of(VpnPrefix.of("65000:1:10.0.0.0/8"), VpnPrefix.of("1.2.3.4:5:10.1.2.3/32"),
                                       VpnPrefix.of("65000:2:0.0.0.0/0"));
        List<byte[]> msgs = new ArrayList<>();
        new UpdateEncoder(true, false).withdraw(gone, msgs::add);
        assertEquals(1, msgs.size());
        assertEquals(gone, UpdateDecoder.decode(body(msgs.get(0)), true, false).withdrawn());
        assertEquals(AfiSafi.VPNV4, UpdateDecoder.decode(body(Messages.endOfRib(AfiSafi.VPNV4)), true, false)
                .endOfRib());
        assertEquals(AfiSafi.IPV4_UNICAST, UpdateDecoder.decode(body(Messages.endOfRib(AfiSafi.IPV4_UNICAST)),
                                                                true, false).endOfRib());
    }

    @Test
    void openRoundTripsWithCapabilities() throws BgpError {
        OpenMessage o = new OpenMessage(4200000001L, 90, Ip4Address.valueOf("10.0.0.9"),
                                        Set.of(AfiSafi.VPNV4, AfiSafi.IPV4_UNICAST), true, true, 120,
                                        Map.of(AfiSafi.VPNV4, true));
        byte[] m = o.encode();
        Messages.checkHeader(m);
        OpenMessage back = OpenMessage.decode(body(m));
        assertEquals(4200000001L, back.asNumber());
        assertEquals(90, back.holdTime());
        assertEquals(Set.of(AfiSafi.VPNV4, AfiSafi.IPV4_UNICAST), back.families());
        assertTrue(back.routeRefresh() && back.as4());
        assertEquals(120, back.restartTime());
        assertEquals(Map.of(AfiSafi.VPNV4, true), back.restartFamilies());
    }

    @Test
    void badOpenGetsTheRightSubcode() {
        byte[] m = body(new OpenMessage(65000, 1, Ip4Address.valueOf("10.0.0.9"), Set.of(), false, false, -1,
                                        Map.of()).encode());
        BgpError e = assertThrows(BgpError.class, () -> OpenMessage.decode(m));
        assertEquals(Bgp.ERR_OPEN, e.code());
        assertEquals(Bgp.OPEN_UNACCEPTABLE_HOLD_TIME, e.subcode());
        m[0] = 3;
        assertEquals(Bgp.OPEN_UNSUPPORTED_VERSION, assertThrows(BgpError.class, () -> OpenMessage.decode(m))
                .subcode());
    }

    /** One route's UPDATE with its attribute of the given type replaced by raw bytes. */
    private static byte[] withAttribute(int flags, int type, byte[] value) {
        PathAttributes a = PathAttributes.of(Origin.IGP, AsPath.EMPTY, null, 100, null, List.of(),
                                             List.of(RouteTarget.of("65000:1")));
        List<byte[]> msgs = new ArrayList<>();
        new UpdateEncoder(true, false).announce(List.of(new VpnRoute(VpnPrefix.of("65000:1:10.0.0.0/24"), NH, 20,
                a, RouteSource.LOCAL)), msgs::add);
        byte[] m = body(msgs.get(0));
        byte[] extra = UpdateEncoder.attr(flags, type, value);
        // insert the raw attribute first in the list and fix the total length
        int alen = (m[2] & 0xFF) << 8 | m[3] & 0xFF;
        byte[] out = new byte[m.length + extra.length];
        System.arraycopy(m, 0, out, 0, 4);
        System.arraycopy(extra, 0, out, 4, extra.length);
        System.arraycopy(m, 4, out, 4 + extra.length, m.length - 4);
        out[2] = (byte) ((alen + extra.length) >>> 8);
        out[3] = (byte) (alen + extra.length);
        return out;
    }

    @Test
    void malformedOriginatorIdIsTreatedAsWithdraw() throws BgpError {
        UpdateMessage u = UpdateDecoder.decode(withAttribute(0x80, Bgp.ATTR_ORIGINATOR_ID, new byte[3]), true, false);
        assertTrue(u.treatedAsWithdraw());
        assertTrue(u.announced().isEmpty());
        assertEquals(List.of(VpnPrefix.of("65000:1:10.0.0.0/24")), u.withdrawn());
    }

    @Test
    void badAggregatorIsDiscardedAndTheRouteKept() throws BgpError {
        UpdateMessage u = UpdateDecoder.decode(withAttribute(0xC0, Bgp.ATTR_AGGREGATOR, new byte[5]), true, false);
        assertEquals(1, u.announced().size());
        assertTrue(u.notes().get(0).contains("discarded"), u.notes().toString());
    }

    @Test
    void unknownOptionalTransitiveIsPassedOnWithPartialBit() throws BgpError {
        UpdateMessage u = UpdateDecoder.decode(withAttribute(0xC0, 99, new byte[] {1, 2}), true, false);
        byte[] other = u.announced().get(0).attributes().otherAttributes();
        assertEquals(List.of((byte) 0xE0, (byte) 99, (byte) 2, (byte) 1, (byte) 2),
                     List.of(other[0], other[1], other[2], other[3], other[4]));
    }

    @Test
    void duplicateMpReachResetsTheSession() {
        byte[] m = withAttribute(0x80, Bgp.ATTR_MP_REACH, new byte[] {0, 1, (byte) 128, 12, 0, 0, 0, 0, 0, 0, 0, 0,
                                                                       1, 2, 3, 4, 0});
        BgpError e = assertThrows(BgpError.class, () -> UpdateDecoder.decode(m, true, false));
        assertEquals(Bgp.ERR_UPDATE, e.code());
        assertEquals(Bgp.UPD_MALFORMED_ATTRIBUTE_LIST, e.subcode());
    }

    @Test
    void localPrefFromExternalPeerIsDiscarded() throws BgpError {
        UpdateMessage u = UpdateDecoder.decode(withAttribute(0x40, Bgp.ATTR_LOCAL_PREF, new byte[] {0, 0, 0, 9}),
                                               true, true);
        assertEquals(PathAttributes.DEFAULT_LOCAL_PREF, u.announced().get(0).attributes().localPref());
    }

    @Test
    void as4PathIsMergedFromTwoOctetSpeaker() throws BgpError {
        PathAttributes a = PathAttributes.of(Origin.IGP, AsPath.sequence(65001, 4200000000L), null, 100, null,
                                             List.of(), List.of());
        List<byte[]> msgs = new ArrayList<>();
        new UpdateEncoder(false, false).announce(List.of(new VpnRoute(VpnPrefix.of("65000:1:10.0.0.0/24"), NH, 20,
                a, RouteSource.LOCAL)), msgs::add);
        assertEquals(a.asPath(), UpdateDecoder.decode(body(msgs.get(0)), false, false).announced().get(0)
                .attributes().asPath());
    }

    @Test
    void headerChecksGiveHeaderErrors() {
        byte[] ka = Messages.keepalive();
        ka[3] = 0;
        assertEquals(Bgp.HDR_NOT_SYNCHRONIZED, assertThrows(BgpError.class, () -> Messages.checkHeader(ka))
                .subcode());
        byte[] bad = Messages.keepalive();
        bad[18] = 9;
        assertEquals(Bgp.HDR_BAD_TYPE, assertThrows(BgpError.class, () -> Messages.checkHeader(bad)).subcode());
        assertNull(null);
    }
}
