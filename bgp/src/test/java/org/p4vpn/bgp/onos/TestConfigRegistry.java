package org.p4vpn.bgp.onos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.config.Config;
import org.onosproject.net.config.NetworkConfigEvent;
import org.onosproject.net.config.NetworkConfigListener;
import org.onosproject.net.config.NetworkConfigRegistryAdapter;

import java.util.ArrayList;
import java.util.List;

/** Network configuration holding one {@code bgp} config, whose changes reach the listeners at once. */
final class TestConfigRegistry extends NetworkConfigRegistryAdapter {

    private final List<NetworkConfigListener> listeners = new ArrayList<>();
    private final ObjectMapper mapper = new ObjectMapper();
    private BgpConfig config;

    /**
     * Sets the config from JSON text, or removes it (null), and tells the listeners.
     *
     * @param appId subject
     * @param json  the bgp section
     * @throws Exception if the text is not JSON
     */
    void set(ApplicationId appId, String json) throws Exception {
        if (json == null) {
            config = null;
        } else {
            BgpConfig c = new BgpConfig();
            JsonNode node = mapper.readTree(json);
            c.init(appId, BgpConfig.KEY, node, mapper, null);
            config = c;
        }
        NetworkConfigEvent e = new NetworkConfigEvent(json == null ? NetworkConfigEvent.Type.CONFIG_REMOVED
                                                              : NetworkConfigEvent.Type.CONFIG_UPDATED,
                                                      appId, BgpConfig.class);
        for (NetworkConfigListener l : List.copyOf(listeners)) {
            if (l.isRelevant(e)) {
                l.event(e);
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, C extends Config<S>> C getConfig(S subject, Class<C> configClass) {
        return configClass == BgpConfig.class ? (C) config : null;
    }

    @Override
    public void addListener(NetworkConfigListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(NetworkConfigListener listener) {
        listeners.remove(listener);
    }
}
