-- Clicks held for the burst judgement (docs/decisions/0013): every click of a message with several
-- links waits here, committed with its raw event, until its burst window has passed; the judge
-- (any instance) then decides burst or human for the whole window, applies it and deletes the
-- rows. machine is the reason another rule already gave (those clicks still count towards "every
-- link clicked"); event_id and occurred_on name the raw event to flag.
CREATE TABLE tracking_click_holds (
    event_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    occurred_on DATE NOT NULL,
    send_id     BIGINT NOT NULL,
    campaign_id BIGINT,
    link_index  INT NOT NULL,
    link_count  INT NOT NULL,
    url         VARCHAR(2048) NOT NULL,
    clicked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    machine     VARCHAR(32)
);
-- the judge finds the sends with a due click by time, then reads each send's clicks in order
CREATE INDEX tracking_click_holds_due ON tracking_click_holds (clicked_at);
CREATE INDEX tracking_click_holds_send ON tracking_click_holds (send_id, clicked_at);
