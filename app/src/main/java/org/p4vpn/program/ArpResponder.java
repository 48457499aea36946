package org.p4vpn.program;

import org.onlab.packet.ARP;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.host.HostService;
import org.onosproject.net.packet.DefaultOutboundPacket;
import org.onosproject.net.packet.InboundPacket;
import org.onosproject.net.packet.PacketContext;
import org.onosproject.net.packet.PacketPriority;
import org.onosproject.net.packet.PacketProcessor;
import org.onosproject.net.packet.PacketService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.Site;
import org.p4vpn.impl.L3VpnManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Answers a CE's ARP requests for its PE interface address (the site's {@code peAddress}) with the
 * switch's router MAC, through {@link PacketService}. The pipeline punts ARP to the controller; the CE's
 * own MAC is learned by ONOS's host provider from the same packet and read back through
 * {@link HostService} by {@link OnosSwitchAddressing}, so this processor does not consume requests it
 * does not answer.
 */
@Component(immediate = true)
public class ArpResponder {

    private static final Logger LOG = LoggerFactory.getLogger(ArpResponder.class);

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CoreService coreService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected PacketService packetService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected L3VpnService vpnService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected DeviceService deviceService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected HostService hostService;
    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected org.onosproject.net.config.NetworkConfigService netcfgService;

    /** Router MACs; tests may substitute their own before activating. */
    protected SwitchAddressing addressing;

    private final PacketProcessor processor = this::process;
    private ApplicationId appId;

    /** Starts answering. */
    @Activate
    public void activate() {
        appId = coreService.registerApplication(L3VpnManager.APP_NAME);
        if (addressing == null) {
            addressing = new OnosSwitchAddressing(deviceService, hostService, netcfgService);
        }
        packetService.addProcessor(processor, PacketProcessor.director(1));
        packetService.requestPackets(arpSelector(), PacketPriority.CONTROL, appId);
        LOG.info("Started");
    }

    /** Stops answering. */
    @Deactivate
    public void deactivate() {
        packetService.cancelPackets(arpSelector(), PacketPriority.CONTROL, appId);
        packetService.removeProcessor(processor);
        LOG.info("Stopped");
    }

    private static TrafficSelector arpSelector() {
        return DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_ARP).build();
    }

    private void process(PacketContext context) {
        if (context.isHandled()) {
            return;
        }
        InboundPacket in = context.inPacket();
        Ethernet eth = in.parsed();
        if (eth == null || eth.getEtherType() != Ethernet.TYPE_ARP) {
            return;
        }
        ARP arp = (ARP) eth.getPayload();
        if (arp.getOpCode() != ARP.OP_REQUEST || arp.getProtocolType() != ARP.PROTO_TYPE_IP) {
            return;
        }
        Ip4Address target = Ip4Address.valueOf(arp.getTargetProtocolAddress());
        VlanId vlan = VlanId.vlanId(eth.getVlanID());
        Optional<Site> site = siteAt(in.receivedFrom(), vlan, target);
        if (site.isEmpty()) {
            return;
        }
        Optional<MacAddress> routerMac = addressing.routerMac(site.get().device());
        if (routerMac.isEmpty()) {
            LOG.warn("{}: no router MAC configured, ARP for {} unanswered", site.get().device(), target);
            return;
        }
        Ethernet reply = ARP.buildArpReply(target, routerMac.get(), eth);
        packetService.emit(new DefaultOutboundPacket(
                in.receivedFrom().deviceId(),
                DefaultTrafficTreatment.builder().setOutput(in.receivedFrom().port()).build(),
                ByteBuffer.wrap(reply.serialize())));
        context.block();
        LOG.debug("{}: answered ARP for {} from site {}", in.receivedFrom(), target, site.get().name());
    }

    private Optional<Site> siteAt(ConnectPoint at, VlanId vlan, Ip4Address peAddress) {
        return vpnService.getSites().stream()
                .filter(s -> s.device().equals(at.deviceId()) && s.port().equals(at.port())
                        && s.vlan().equals(vlan) && s.peAddress().equals(peAddress))
                .findFirst();
    }
}
