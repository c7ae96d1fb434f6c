namespace Aftercare.Domain.Staff;

/// <summary>
/// What a member of staff does. Patients and receiving services sign in too, in later work; they
/// are roles of their own, never a flag on a staff role.
/// </summary>
public enum StaffRole
{
    Practitioner = 1,
    Supervisor = 2,
    Administrator = 3,
}
