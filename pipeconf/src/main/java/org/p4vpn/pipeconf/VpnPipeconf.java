package org.p4vpn.pipeconf;

import org.onosproject.net.behaviour.Pipeliner;
import org.onosproject.net.pi.model.DefaultPiPipeconf;
import org.onosproject.net.pi.model.PiPipeconf;
import org.onosproject.net.pi.model.PiPipeconfId;
import org.onosproject.net.pi.model.PiPipelineInterpreter;
import org.onosproject.net.pi.model.PiPipelineModel;
import org.onosproject.p4runtime.model.P4InfoParser;
import org.onosproject.p4runtime.model.P4InfoParserException;

import java.net.URL;

/** The pipeconf of the VPN pipeline on BMv2, built from the p4c outputs in this bundle. */
public final class VpnPipeconf {

    /** Pipeconf id devices are configured with (netcfg {@code "pipeconf"}). */
    public static final PiPipeconfId ID = new PiPipeconfId("org.p4vpn.bmv2");
    private VpnPipeconf() {
    }

    /**
     * Builds the pipeconf.
     *
     * @return pipeconf
     * @throws IllegalStateException if the p4c outputs are missing or the P4Info does not parse
     */
    public static PiPipeconf build() {
        URL json = PipelineOutputs.url(PipelineOutputs.BMV2_JSON);
        URL p4info = PipelineOutputs.url(PipelineOutputs.P4INFO);
        PiPipelineModel model;
        try {
            model = P4InfoParser.parse(p4info);
        } catch (P4InfoParserException e) {
            throw new IllegalStateException("cannot parse " + PipelineOutputs.P4INFO + ": " + e.getMessage(), e);
        }
        return DefaultPiPipeconf.builder().withId(ID).withPipelineModel(model)
                .addBehaviour(PiPipelineInterpreter.class, VpnInterpreter.class)
                .addBehaviour(Pipeliner.class, VpnPipeliner.class)
                .addExtension(PiPipeconf.ExtensionType.P4_INFO_TEXT, p4info)
                .addExtension(PiPipeconf.ExtensionType.BMV2_JSON, json)
                .addExtension(PiPipeconf.ExtensionType.CPU_PORT_TXT, PipelineOutputs.url(PipelineOutputs.CPU_PORT_TXT))
                .build();
    }
}
