"""Colours and the common layout of every figure (slide-readable sizes, a CJK-capable font)."""
from __future__ import annotations

import plotly.graph_objects as go

FONT_FAMILY = "Noto Sans CJK JP, Noto Sans JP, Hiragino Sans, Yu Gothic, Meiryo, sans-serif"

# Colours per publisher type (review's categories) and for the review-style matrices.
PUBLISHER_TYPE_COLORS = {
    "government": "#1f77b4",
    "industry_body": "#ff7f0e",
    "company": "#2ca02c",
    "other": "#7f7f7f",
}
PRESENT_PINK = "#f8c8dc"   # "記載があるものはピンク色に着色"
LIGHT_PINK = "#fde6ef"     # addressed on thin evidence (decision strength "moderate")
DEEP_PINK = "#c2185b"      # the dark end of pink scales (shares, passage counts): still "addressed", never red
SUMMARY_GREY = "#eeeeee"   # group / total rows of a matrix
GAP_FILL = "#ffe2b8"       # gaps (items few or no documents address): amber, a hue apart from pink
GAP_TEXT = "#8a4b00"
OVER_HALF_RED = "#d62728"  # "半数を超える…赤字で表示": red TEXT on counts, never a fill
ABSENT_WHITE = "#ffffff"
NEW_2022_COLOR = "#9467bd"  # values 17–22, introduced by the 2022 review
BASE_2019_COLOR = "#4c78a8"  # values 1–16, from the 2019 comparison table
OVERSEAS_COLOR = "#2f6f8f"  # overseas side of overseas-vs-domestic charts (not red: red means "more than half")
DOMESTIC_COLOR = "#54a24b"  # domestic (Japanese) side


def apply_style(fig: go.Figure, *, title: str | None = None, width: int = 1100, height: int = 650) -> go.Figure:
    """Common layout: CJK-capable font, white background, slide-readable sizes."""
    fig.update_layout(
        font=dict(family=FONT_FAMILY, size=15),
        template="plotly_white",
        width=width,
        height=height,
        margin=dict(l=80, r=40, t=90, b=80),
    )
    if title is not None:
        fig.update_layout(title=dict(text=title, x=0.01, xanchor="left"))
    return fig


def load_plotly() -> None:
    """Load the plotly modules and validators a first styled figure needs (they load lazily, on first use), e.g.
    while a run waits for worker processes."""
    apply_style(go.Figure(go.Bar(x=[0], y=[0])), title="")
