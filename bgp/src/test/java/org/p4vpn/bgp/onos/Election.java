package org.p4vpn.bgp.onos;

import org.onosproject.cluster.Leader;
import org.onosproject.cluster.Leadership;
import org.onosproject.cluster.LeadershipEvent;
import org.onosproject.cluster.LeadershipEventListener;
import org.onosproject.cluster.LeadershipServiceAdapter;
import org.onosproject.cluster.NodeId;

import java.util.ArrayList;
import java.util.List;

/**
 * One leadership election shared by test instances: the first candidate leads, and when it
 * withdraws the next one does. {@link #serviceFor} gives each instance its own view, as ONOS's
 * LeadershipService is per node; events go to every instance's listeners.
 */
final class Election {

    private final List<NodeId> candidates = new ArrayList<>();
    private final List<LeadershipEventListener> listeners = new ArrayList<>();

    synchronized NodeId leader() {
        return candidates.isEmpty() ? null : candidates.get(0);
    }

    private void changed(String topic) {
        NodeId l = leader();
        Leadership now = new Leadership(topic, l == null ? null : new Leader(l, 1, 0), List.copyOf(candidates));
        for (LeadershipEventListener listener : List.copyOf(listeners)) {
            LeadershipEvent e = new LeadershipEvent(LeadershipEvent.Type.LEADER_AND_CANDIDATES_CHANGED, now);
            if (listener.isRelevant(e)) {
                listener.event(e);
            }
        }
    }

    LeadershipServiceAdapter serviceFor(NodeId node) {
        return new LeadershipServiceAdapter() {
            @Override
            public NodeId getLeader(String path) {
                return leader();
            }

            @Override
            public Leadership runForLeadership(String path) {
                synchronized (Election.this) {
                    if (!candidates.contains(node)) {
                        candidates.add(node);
                    }
                }
                changed(path);
                return null;
            }

            @Override
            public void withdraw(String path) {
                synchronized (Election.this) {
                    candidates.remove(node);
                }
                changed(path);
            }

            @Override
            public void addListener(LeadershipEventListener listener) {
                listeners.add(listener);
            }

            @Override
            public void removeListener(LeadershipEventListener listener) {
                listeners.remove(listener);
            }
        };
    }
}
