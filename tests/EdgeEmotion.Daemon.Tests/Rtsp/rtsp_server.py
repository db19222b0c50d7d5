#!/usr/bin/python3
"""A real RTSP server for the tests: GStreamer's rtsp-server (Debian's gir1.2-gst-rtsp-server-1.0)
serving a folder of JPEG frames in a loop as H.264 (x264enc) at one mount, optionally behind
Basic authentication. Prints 'listening <port>' once it accepts connections.

usage: rtsp_server.py PORT MOUNT FRAME_PATTERN FPS WIDTH HEIGHT [USER PASSWORD]
  FRAME_PATTERN  printf pattern of the frames, e.g. /clips/man/frame-%03d.jpg
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def main():
    port, mount, pattern, fps, width, height = sys.argv[1:7]
    credentials = sys.argv[7:9]
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    factory = GstRtspServer.RTSPMediaFactory()
    # One pipeline shared by every client, looping the frames as a camera would stream.
    factory.set_launch(
        f"( multifilesrc location={pattern} index=0 loop=true caps=image/jpeg,framerate={fps}/1 "
        f"! jpegdec ! videoconvert ! videoscale ! video/x-raw,format=I420,width={width},height={height} "
        f"! x264enc tune=zerolatency speed-preset=ultrafast key-int-max={fps} "
        f"! rtph264pay name=pay0 pt=96 config-interval=1 )")
    factory.set_shared(True)
    if credentials:
        user, password = credentials
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, "viewer")
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), token)
        server.set_auth(auth)
        permissions = GstRtspServer.RTSPPermissions()
        permissions.add_role_from_structure(Gst.Structure.new_from_string(
            "viewer, media.factory.access=(boolean)true, media.factory.construct=(boolean)true"))
        factory.set_permissions(permissions)
    server.get_mount_points().add_factory(mount, factory)
    if server.attach(None) == 0:
        print(f"cannot listen on 127.0.0.1:{port}", file=sys.stderr, flush=True)
        sys.exit(1)
    print(f"listening {port}", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
