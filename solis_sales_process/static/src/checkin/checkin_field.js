import { Component, onWillUnmount, status, useEffect, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { formatFloat } from "@web/views/fields/formatters";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

// The browser's answer may take a while outdoors; a position a minute old
// is still where the rep stands.
const POSITION_OPTIONS = { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 };

export function formatDistance(meters) {
    if (meters < 1000) {
        return _t("%s m", formatFloat(meters, { digits: [0, 0] }));
    }
    return _t("%s km", formatFloat(meters / 1000, { digits: [0, 1] }));
}

function positionProblem(error) {
    if (!navigator.geolocation) {
        return _t("This browser cannot tell its position.");
    }
    if (error && error.code === 1) {
        return _t("Location refused: the visit is saved without position.");
    }
    return _t("Position unavailable: the visit is saved without position.");
}

/**
 * The visit's check-in: its verdict once recorded, and the browser's position
 * asked for the rep's in-person visit. A new visit asks at once (the browser
 * asks the rep's consent the first time) and sends the position with the
 * visit when it is saved; a saved one offers "Check in here".
 */
export class SolisCheckinField extends Component {
    static template = "solis_sales_process.SolisCheckinField";
    static props = { ...standardFieldProps };

    setup() {
        this.orm = useService("orm");
        this.state = useState({ locating: false, problem: "", position: null });
        let gone = false;
        onWillUnmount(() => (gone = true));
        this.isGone = () => gone || status(this) === "destroyed";
        useEffect(
            (canCheckIn, isNew) => {
                if (!isNew) {
                    return;
                }
                if (canCheckIn && !this.state.position && !this.state.locating && !this.state.problem) {
                    this.sendWithVisit();
                } else if (!canCheckIn && this.state.position) {
                    // A visit turned remote carries no position.
                    this.state.position = null;
                    this.props.record.update({ checkin_position: false });
                }
            },
            () => [this.props.record.data.can_check_in, this.props.record.isNew]
        );
    }

    get data() {
        return this.props.record.data;
    }

    get verdict() {
        const status = this.data.checkin_status;
        if (status === "verified") {
            return { label: _t("Verified on site"), className: "text-bg-success" };
        }
        if (status === "away") {
            return {
                label: _t("Away, %s", formatDistance(this.data.checkin_distance)),
                className: "text-bg-warning",
            };
        }
        return { label: _t("No position"), className: "text-bg-secondary" };
    }

    get showVerdict() {
        return !this.props.record.isNew;
    }

    get accuracyLabel() {
        let accuracy;
        if (this.props.record.isNew) {
            accuracy = this.state.position?.accuracy;
        } else if (this.data.checkin_date) {
            accuracy = this.data.checkin_accuracy;
        }
        return accuracy === undefined ? "" : _t("± %s", formatDistance(accuracy));
    }

    get showCheckInButton() {
        return (
            !this.props.record.isNew &&
            this.data.can_check_in &&
            this.data.checkin_status !== "verified" &&
            !this.state.locating
        );
    }

    locate() {
        this.state.problem = "";
        if (!navigator.geolocation) {
            return Promise.reject(null);
        }
        this.state.locating = true;
        return new Promise((resolve, reject) => {
            navigator.geolocation.getCurrentPosition(resolve, reject, POSITION_OPTIONS);
        }).finally(() => {
            if (!this.isGone()) {
                this.state.locating = false;
            }
        });
    }

    /**
     * The browser's position, or null once the rep is told why there is none
     * (refused, unavailable, no geolocation in this browser).
     */
    async positionOrProblem() {
        try {
            return await this.locate();
        } catch (error) {
            if (!this.isGone()) {
                this.state.problem = positionProblem(error);
            }
            return null;
        }
    }

    async sendWithVisit() {
        const found = await this.positionOrProblem();
        if (!found || this.isGone() || !this.props.record.isNew || !this.data.can_check_in) {
            return;
        }
        const position = {
            latitude: found.coords.latitude,
            longitude: found.coords.longitude,
            accuracy: found.coords.accuracy,
        };
        this.state.position = position;
        await this.props.record.update({ checkin_position: position });
    }

    async onCheckInHere() {
        const record = this.props.record;
        if (record.dirty && !(await record.save())) {
            return;
        }
        const found = await this.positionOrProblem();
        if (!found) {
            return;
        }
        await this.orm.call(record.resModel, "action_check_in", [
            [record.resId],
            found.coords.latitude,
            found.coords.longitude,
            found.coords.accuracy,
        ]);
        if (!this.isGone()) {
            await record.load();
        }
    }
}

export const solisCheckinField = {
    component: SolisCheckinField,
    displayName: _t("Check-in at the client"),
    supportedTypes: ["selection"],
};

registry.category("fields").add("solis_checkin", solisCheckinField);
