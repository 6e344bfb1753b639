#!/bin/sh
# Install the kiosk session on a Debian/Ubuntu kiosk PC (run as root, once).
# Usage: sudo ./install.sh [/opt/bhxh-kiosk]
set -eu
KIOSK_HOME="${1:-/opt/bhxh-kiosk}"
HERE="$(cd "$(dirname "$0")" && pwd)"

apt-get install -y cage
id kiosk >/dev/null 2>&1 || useradd --create-home --shell /usr/sbin/nologin kiosk
# Screen, input and sound devices for the session; nothing more (no sudo, no adm).
usermod -a -G video,input,render,audio kiosk
install -d -m 0755 /etc/default
[ -f /etc/default/bhxh-kiosk ] || printf 'KIOSK_HOME=%s\n' "$KIOSK_HOME" > /etc/default/bhxh-kiosk
install -m 0644 "$HERE/kiosk-session.service" /etc/systemd/system/bhxh-kiosk.service
sed -i "s#/opt/bhxh-kiosk#$KIOSK_HOME#g" /etc/systemd/system/bhxh-kiosk.service
chmod 0755 "$KIOSK_HOME/scripts/kiosk-session/start-kiosk.sh"
# No desktop to fall back to: the kiosk unit is the only graphical session.
systemctl set-default graphical.target
systemctl disable --now display-manager.service 2>/dev/null || true
systemctl daemon-reload
systemctl enable bhxh-kiosk.service
# Ctrl+Alt+Del must not reboot the kiosk from the attendee's keyboard.
systemctl mask ctrl-alt-del.target
echo "Installed. Start now with: systemctl start bhxh-kiosk (or reboot)."
echo "Staff: leave with the corner + PIN; the unit restarts the kiosk after 2 s."
echo "Maintenance: systemctl stop bhxh-kiosk (over SSH or from another console)."
