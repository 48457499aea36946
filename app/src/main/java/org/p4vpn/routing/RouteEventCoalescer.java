package org.p4vpn.routing;

import org.p4vpn.api.VrfRoute;
import org.p4vpn.api.VrfRouteEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Collects the best-route changes of one engine call and reports their net effect per VRF and
 * prefix: a change that ends where it began reports nothing, several changes report one.
 */
final class RouteEventCoalescer {

    private final List<VrfRouteEvent> pending = new ArrayList<>();

    void add(VrfRouteEvent e) {
        pending.add(e);
    }

    void flushTo(Consumer<VrfRouteEvent> sink) {
        Map<List<Object>, VrfRouteEvent[]> firstAndLast = new LinkedHashMap<>();
        for (VrfRouteEvent e : pending) {
            firstAndLast.computeIfAbsent(List.of(e.subject(), e.prefix()), k -> new VrfRouteEvent[] {e, e})[1] = e;
        }
        pending.clear();
        for (VrfRouteEvent[] fl : firstAndLast.values()) {
            VrfRoute before = fl[0].prevRoute().orElse(null);
            VrfRoute after = fl[1].route().orElse(null);
            if (Objects.equals(before, after)) {
                continue;
            }
            VrfRouteEvent.Type t = before == null ? VrfRouteEvent.Type.ROUTE_ADDED
                    : after == null ? VrfRouteEvent.Type.ROUTE_REMOVED : VrfRouteEvent.Type.ROUTE_UPDATED;
            sink.accept(new VrfRouteEvent(t, fl[0].subject(), fl[0].prefix(), after, before));
        }
    }
}
