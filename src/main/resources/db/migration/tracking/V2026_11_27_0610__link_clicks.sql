-- Which links of a send a human clicked (one row per send and link index): the gate that makes
-- each recipient count once per link in a campaign's top links.
CREATE TABLE tracking_link_clicks (
    send_id    BIGINT NOT NULL,
    link_index INT NOT NULL,
    clicked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (send_id, link_index)
);

-- Distinct human recipients who clicked each link (by index) of a campaign, with the URL first
-- seen for the index (personalised links differ per recipient and stay one link).
CREATE TABLE tracking_links (
    campaign_id BIGINT NOT NULL,
    link_index  INT NOT NULL,
    url         VARCHAR(2048) NOT NULL,
    clicks      BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, link_index)
);
