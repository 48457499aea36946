package org.p4vpn.tests.onos;

import io.atomix.cluster.discovery.BootstrapDiscoveryProvider;
import io.atomix.core.Atomix;
import io.atomix.protocols.raft.partition.RaftPartitionGroup;
import io.atomix.storage.StorageLevel;

import java.io.File;

/**
 * One Atomix 3.1 storage node for an ONOS 2.x cluster (ONOS keeps its distributed state in external
 * Atomix nodes), laid out as ONOS's atomix-gen-config lays out one: a Raft management group and a Raft
 * partition group "raft". Run in a JVM of its own:
 * {@code java -cp ... org.p4vpn.tests.onos.AtomixNode ID HOST PORT DATA_DIR}; it runs until killed.
 */
public final class AtomixNode {

    private AtomixNode() {
    }

    /**
     * Starts the node.
     *
     * @param args member id, host, port, data directory
     */
    public static void main(String[] args) throws InterruptedException {
        String id = args[0];
        String address = args[1] + ":" + args[2];
        File data = new File(args[3]);
        Atomix atomix = Atomix.builder()
                .withClusterId("onos").withMemberId(id).withAddress(address)
                .withMembershipProvider(BootstrapDiscoveryProvider.builder()
                        .withNodes(io.atomix.cluster.Node.builder().withId(id).withAddress(address).build()).build())
                .withManagementGroup(RaftPartitionGroup.builder("system").withNumPartitions(1).withMembers(id)
                        .withStorageLevel(StorageLevel.MAPPED).withDataDirectory(new File(data, "system")).build())
                .withPartitionGroups(RaftPartitionGroup.builder("raft").withNumPartitions(3).withMembers(id)
                        .withStorageLevel(StorageLevel.MAPPED).withDataDirectory(new File(data, "raft")).build())
                .build();
        atomix.start().join();
        System.out.println("atomix node started: " + id + " at " + address);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> atomix.stop().join()));
        Thread.currentThread().join();
    }
}
