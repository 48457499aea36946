package org.p4vpn.program;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.onlab.packet.Ip4Prefix;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultDevice;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceEvent;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.group.Group;
import org.onosproject.net.pi.runtime.PiAction;
import org.onosproject.net.pi.runtime.PiActionParam;
import org.onosproject.net.pi.runtime.PiTableAction;
import org.onosproject.net.provider.ProviderId;
import org.onlab.packet.ChassisId;
import org.p4vpn.lsp.TransportPlanner;
import org.p4vpn.program.RecordingServices.Kind;
import org.p4vpn.program.RecordingServices.Op;
import org.p4vpn.translate.DeviceEntries;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p4vpn.pipeconf.P4InfoConstants.INGRESS_PIPE_IMPL_NEXT_MPLS_OUT;
import static org.p4vpn.pipeconf.P4InfoConstants.INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB;
import static org.p4vpn.pipeconf.P4InfoConstants.LABEL;
import static org.p4vpn.pipeconf.P4InfoConstants.PORT;
import static org.p4vpn.program.ProgrammingFixture.P;
import static org.p4vpn.program.ProgrammingFixture.P2;
import static org.p4vpn.program.ProgrammingFixture.PE1;
import static org.p4vpn.program.ProgrammingFixture.PE2;

/** What the programmer writes through ONOS, driven by configuration, topology and device events. */
class VpnProgrammingManagerTest {

    private ProgrammingFixture fx;

    @BeforeEach
    void setUp() {
        fx = new ProgrammingFixture();
    }

    /** Every device holds exactly the translator's entries and groups. */
    private void assertWrittenIsTranslation(RecordingServices s, Map<DeviceId, DeviceEntries> expected) {
        for (Map.Entry<DeviceId, DeviceEntries> e : expected.entrySet()) {
            assertEquals(ProgrammingFixture.entries(e.getValue()), fx.written(s, e.getKey()),
                         "flow rules of " + e.getKey());
            assertEquals(ProgrammingFixture.groups(e.getValue()), fx.writtenGroups(s, e.getKey()),
                         "groups of " + e.getKey());
        }
    }

    private List<FlowRule> vrfFib(DeviceId d) {
        return fx.onos.flows.of(d).stream().filter(r -> r.table().equals(INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB))
                .collect(Collectors.toList());
    }

    @Test
    void createWritesTheTranslationOnEveryDevice() {
        fx.seedCore();
        fx.start();
        fx.provision();
        Map<DeviceId, DeviceEntries> expected = fx.expected();
        assertEquals(3, expected.size());
        assertWrittenIsTranslation(fx.onos, expected);
        assertTrue(vrfFib(P).isEmpty(), "a P router has no VRF");
        assertFalse(vrfFib(PE1).isEmpty());
        assertFalse(vrfFib(PE2).isEmpty());
        assertTrue(fx.onos.groups.groups.get(PE1).values().stream().allMatch(g -> g.type() == Group.Type.SELECT
                && g.appCookie() instanceof org.onosproject.net.pi.runtime.PiGroupKey));
    }

    @Test
    void aStaticRouteAddsOneVrfFibRuleOnEachPeAndNothingElse() {
        fx.seedCore();
        fx.start();
        fx.provision();
        fx.onos.log.clear();
        fx.vpns.addStaticRoute("ce1", Ip4Prefix.valueOf("192.168.10.0/24"));
        List<Op> ops = fx.onos.log;
        assertTrue(ops.stream().allMatch(o -> o.kind == Kind.ADD_RULE
                && ((FlowRule) o.what).table().equals(INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB)), ops::toString);
        // The far PE routes the prefix into the tunnel, the near PE to its CE; the P router is untouched.
        assertEquals(1, ops.stream().filter(o -> o.device.equals(PE2)).count(), ops::toString);
        assertEquals(1, ops.stream().filter(o -> o.device.equals(PE1)).count(), ops::toString);
        assertEquals(2, ops.size());
        assertWrittenIsTranslation(fx.onos, fx.expected());
    }

    @Test
    void deletingTheVpnRemovesEverythingItCausedEntriesBeforeGroups() {
        fx.seedCore();
        fx.start();
        Map<DeviceId, DeviceEntries> before = fx.expected();
        assertWrittenIsTranslation(fx.onos, before);
        fx.provision();
        fx.onos.log.clear();
        fx.vpns.removeVpnInstance("vpna");
        assertWrittenIsTranslation(fx.onos, before);
        List<Op> ops = fx.onos.log;
        assertTrue(ops.stream().allMatch(o -> o.kind == Kind.REMOVE_RULE || o.kind == Kind.REMOVE_GROUP),
                   ops::toString);
        for (DeviceId d : List.of(PE1, PE2)) {
            List<Kind> kinds = ops.stream().filter(o -> o.device.equals(d)).map(o -> o.kind)
                    .collect(Collectors.toList());
            assertTrue(kinds.contains(Kind.REMOVE_GROUP), "the CE next hop goes: " + kinds);
            assertTrue(kinds.lastIndexOf(Kind.REMOVE_RULE) < kinds.indexOf(Kind.REMOVE_GROUP), kinds::toString);
        }
    }

    @Test
    void onlyMasteredDevicesAreWritten() {
        fx.seedCore();
        fx.mastership.elsewhere.add(PE2);
        fx.start();
        fx.provision();
        assertTrue(fx.onos.log.stream().noneMatch(o -> o.device.equals(PE2)));
        Map<DeviceId, DeviceEntries> expected = fx.expected();
        expected.remove(PE2);
        assertWrittenIsTranslation(fx.onos, expected);
    }

    private static long param(PiTableAction a, org.onosproject.net.pi.model.PiActionParamId id) {
        for (PiActionParam p : ((PiAction) a).parameters()) {
            if (p.id().equals(id)) {
                return new BigInteger(1, p.value().asArray()).longValue();
            }
        }
        throw new AssertionError("no " + id + " in " + a);
    }

    @Test
    void aFailedLinkSwitchesTheIngressToTheBackupThenRecomputes() {
        fx.ringCore();
        fx.start();
        fx.provision();
        int tunnel = fx.store.getLabels().get(TransportPlanner.fecKey(PE1, PE2));
        int backupLabel = fx.store.getLabels().get(TransportPlanner.backupKey(P2, PE1, PE2));
        fx.onos.log.clear();

        fx.links.fail(new ConnectPoint(PE1, PortNumber.portNumber(10)), new ConnectPoint(P, PortNumber.portNumber(1)));

        List<Op> ops = fx.onos.log;
        // First the switchover: PE1's tunnel group, before anything touches a transit switch.
        int first = 0;
        while (first < ops.size() && !ops.get(first).device.equals(PE1)) {
            first++;
        }
        assertTrue(first < ops.size(), "no write on PE1: " + ops);
        List<Op> before = ops.subList(0, first + 1);
        assertTrue(before.stream().allMatch(o -> o.kind == Kind.MODIFY_GROUP
                && (o.device.equals(PE1) || o.device.equals(PE2))), "only ingress PEs switch over: " + before);
        Group g = (Group) ops.get(first).what;
        assertEquals(tunnel, g.id().id());
        List<PiTableAction> buckets = ProgrammingFixture.actions(g);
        assertEquals(1, buckets.size());
        assertEquals(INGRESS_PIPE_IMPL_NEXT_MPLS_OUT, ((PiAction) buckets.get(0)).id());
        assertEquals(11, param(buckets.get(0), PORT), "out of the long side");
        assertEquals(backupLabel, param(buckets.get(0), LABEL), "onto the backup path's label");
        assertTrue(ops.stream().anyMatch(o -> o.device.equals(P)), "then the recomputation rewrites transit: " + ops);

        // After recomputation: the same as a programmer started fresh on the topology without the link.
        RecordingServices fresh = new RecordingServices();
        fx.start(fresh);
        for (DeviceId d : fx.macs.keySet()) {
            assertEquals(fx.written(fresh, d), fx.written(fx.onos, d), "rules of " + d);
            assertEquals(fx.writtenGroups(fresh, d), fx.writtenGroups(fx.onos, d), "groups of " + d);
        }
        assertWrittenIsTranslation(fx.onos, fx.expected());
    }

    private void available(DeviceId d, boolean up) {
        if (up) {
            fx.devices.down.remove(d);
        } else {
            fx.devices.down.add(d);
        }
        Device dev = new DefaultDevice(new ProviderId("test", "p4vpn"), d, Device.Type.SWITCH, "p4vpn", "1", "1",
                                       "1", new ChassisId(1));
        DeviceEvent e = new DeviceEvent(DeviceEvent.Type.DEVICE_AVAILABILITY_CHANGED, dev);
        fx.devices.listeners.stream().filter(l -> l.isRelevant(e)).forEach(l -> l.event(e));
    }

    @Test
    void aReconnectedDeviceGetsOnlyWhatItLacks() {
        fx.seedCore();
        fx.start();
        fx.provision();
        fx.onos.log.clear();
        available(PE1, false);
        available(PE1, true);
        assertTrue(fx.onos.log.isEmpty(), () -> "everything was still there: " + fx.onos.log);

        available(PE2, false);
        FlowRule lost = vrfFib(PE2).get(0);
        fx.onos.flows.rules.remove(lost.id());
        fx.onos.log.clear();
        available(PE2, true);
        assertEquals(1, fx.onos.log.size(), fx.onos.log::toString);
        assertEquals(Kind.ADD_RULE, fx.onos.log.get(0).kind);
        assertEquals(ProgrammingFixture.view(lost), ProgrammingFixture.view((FlowRule) fx.onos.log.get(0).what));
        assertWrittenIsTranslation(fx.onos, fx.expected());
    }

    @Test
    void aDeviceThatBecomesOursIsReconciledAgainstWhatItHolds() {
        fx.seedCore();
        fx.mastership.elsewhere.add(PE2);
        fx.start();
        fx.provision();
        // The former master wrote PE2's entries; all but one are still there.
        RecordingServices other = new RecordingServices();
        fx.mastership.elsewhere.remove(PE2);
        fx.start(other).deactivate();
        fx.onos.flows.rules.putAll(other.flows.rules.entrySet().stream().filter(e -> e.getValue().deviceId()
                .equals(PE2)).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        fx.onos.groups.groups.put(PE2, other.groups.groups.get(PE2));
        FlowRule lost = vrfFib(PE2).get(0);
        fx.onos.flows.rules.remove(lost.id());
        fx.mastership.elsewhere.add(PE2);
        fx.onos.log.clear();

        fx.mastership.gain(PE2);
        assertEquals(1, fx.onos.log.size(), fx.onos.log::toString);
        assertEquals(ProgrammingFixture.view(lost), ProgrammingFixture.view((FlowRule) fx.onos.log.get(0).what));
        assertWrittenIsTranslation(fx.onos, fx.expected());
    }
}
