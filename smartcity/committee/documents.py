"""Texts drafted from a meeting's record. The minutes are the Thai record of the meeting:
they are drafted in Thai whatever the language of the person drafting them."""

from django.utils import translation

from smartcity.committee import subjects
from smartcity.committee.enums import Attendance, Outcome
from smartcity.committee.models import Meeting
from smartcity.committee.quorum import ItemQuorum, item_quorum
from smartcity.core.dates import format_date
from smartcity.core.enums import Domain

OUTCOME_TH = {
    Outcome.APPROVE: "มติ: เห็นชอบ",
    Outcome.APPROVE_IN_PRINCIPLE: "มติ: เห็นชอบในหลักการ โดยให้ผู้ยื่นข้อเสนอปรับปรุงตามเงื่อนไข",
    Outcome.REJECT: "มติ: ไม่เห็นชอบ",
    Outcome.DEFER: "มติ: ให้เลื่อนการพิจารณา",
    Outcome.ACKNOWLEDGE: "มติ: รับทราบ",
    Outcome.NOTED: "มติ: ที่ประชุมรับทราบ",
}
ATTENDANCE_TH = {
    Attendance.PRESENT: "มาประชุม",
    Attendance.ONLINE: "ประชุมผ่านสื่ออิเล็กทรอนิกส์",
    Attendance.ABSENT: "ไม่มาประชุม",
    Attendance.INVITED: "ไม่ได้บันทึก",
}


def domains_th(codes: list[str]) -> str:
    with translation.override("th"):
        return ", ".join(str(Domain(code).label) for code in codes if code in Domain.values)


def _item_quorum_th(quorum: ItemQuorum) -> str:
    """ "องค์ประชุมของวาระนี้: ...": who counts towards the item's quorum (the members
    present, less those recused from it) and whether it is reached."""
    text = f"องค์ประชุมของวาระนี้: กรรมการผู้มาประชุม {quorum.present} คน"
    if quorum.recused:
        text += f" ไม่ร่วมพิจารณา {quorum.recused} คน คงเหลือผู้ร่วมพิจารณา {quorum.counted} คน"
    reached = "ครบองค์ประชุม" if quorum.reached else "ไม่ครบองค์ประชุม"
    return f"{text} {reached} (ต้องมีอย่างน้อย {quorum.required} คน)"


def minutes_text(meeting: Meeting) -> str:
    """The draft minutes: heading, attendance, then every item with its resolution."""
    with translation.override("th"):
        return _minutes_text(meeting)


def _minutes_text(meeting: Meeting) -> str:
    lines = [
        f"รายงานการประชุม{meeting.committee.name_th}",
        f"ครั้งที่ {meeting.reference}",
        f"วันที่ {format_date(meeting.held_on, 'th')}"
        + (f" เวลา {meeting.starts_at_time:%H.%M} น." if meeting.starts_at_time else ""),
        f"ณ {meeting.place}" if meeting.place else "ประชุมผ่านสื่ออิเล็กทรอนิกส์",
        "",
    ]
    attendees = list(
        meeting.attendees.select_related("member__user").order_by("member__role", "pk")
    )
    present = [a for a in attendees if a.is_present]
    absent = [a for a in attendees if not a.is_present]
    lines.append(f"ผู้มาประชุม ({len(present)} คน)")
    for number, row in enumerate(present, 1):
        member = row.member
        lines.append(
            f"{number}. {member.user.full_name or member.user.email} "
            f"({member.get_role_display()}) {ATTENDANCE_TH[row.attendance]}"
        )
    if absent:
        lines.append(f"ผู้ไม่มาประชุม ({len(absent)} คน)")
        for number, row in enumerate(absent, 1):
            lines.append(f"{number}. {row.member.user.full_name or row.member.user.email}")
    lines.append("")
    items = subjects.attach(
        meeting.items.select_related("resolution")
        .prefetch_related("recusals__member__user")
        .order_by("position")
    )
    for item in items:
        item.meeting = meeting  # item_quorum() reads the committee: no query per item
        kind = "เพื่อพิจารณา" if item.kind == "decision" else "เพื่อทราบ"
        lines.append(f"ระเบียบวาระที่ {item.position} ({kind}) {item.title_th}")
        if item.subject is not None and item.subject.proponent is not None:
            lines.append(f"ผู้ยื่นข้อเสนอ: {item.subject.proponent.name_th}")
        for recusal in item.recusals.all():
            name = recusal.member.user.full_name or recusal.member.user.email
            lines.append(f"{name} ไม่ร่วมพิจารณาวาระนี้ ({recusal.reason_in('th')})")
        lines.append(_item_quorum_th(item_quorum(item, attendees)))
        if item.background:
            lines.append(item.background)
        resolution = getattr(item, "resolution", None)
        if resolution is None:
            lines.append("มติ: (ยังไม่ได้บันทึก)")
        else:
            lines.append(OUTCOME_TH[resolution.outcome])
            if resolution.approved_domains:
                lines.append(f"ด้านที่ได้รับตราสัญลักษณ์: {domains_th(resolution.approved_domains)}")
            if resolution.conditions:
                lines.append(f"เงื่อนไข: {resolution.conditions}")
            if resolution.voted:
                lines.append(
                    f"ผลการลงคะแนน: เห็นด้วย {resolution.votes_for} เสียง "
                    f"ไม่เห็นด้วย {resolution.votes_against} เสียง "
                    f"งดออกเสียง {resolution.votes_abstaining} เสียง"
                )
            if resolution.reasons:
                lines.append(f"เหตุผล: {resolution.reasons}")
        lines.append("")
    lines.append("ฝ่ายเลขานุการ สำนักงานเมืองอัจฉริยะประเทศไทย ผู้จดรายงานการประชุม")
    return "\n".join(lines)
