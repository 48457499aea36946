package org.p4vpn.emulator.server;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.p4vpn.emulator.SwitchException;
import p4.v1.P4RuntimeOuterClass;

import java.util.List;

/** The error replies of the server, shaped as PI (BMv2's P4Runtime server) shapes them. */
final class SwitchErrors {

    private SwitchErrors() {
    }

    static SwitchException invalid(String message) {
        return new SwitchException(SwitchException.Code.INVALID_ARGUMENT, message);
    }

    static int code(SwitchException e) {
        return Code.valueOf(e.code().name()).getNumber();
    }

    static StatusRuntimeException status(Status.Code code, String message) {
        return Status.fromCode(code).withDescription(message).asRuntimeException();
    }

    /**
     * A failed batch: status UNKNOWN whose details hold one p4.v1.Error per update, in order
     * (P4Runtime specification section 12.3).
     */
    static StatusRuntimeException batch(List<P4RuntimeOuterClass.Error> errors) {
        com.google.rpc.Status.Builder s = com.google.rpc.Status.newBuilder().setCode(Code.UNKNOWN_VALUE)
                .setMessage("Write failure.");
        errors.forEach(e -> s.addDetails(Any.pack(e)));
        return StatusProto.toStatusRuntimeException(s.build());
    }
}
